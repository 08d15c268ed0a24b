package jp.mamori.identity.pages;

/**
 * Marks a controller of the customer's pages, so that {@link CustomerPageModel} gives its pages what
 * the shared layout ({@code templates/customer/layout.html}) shows on every page.
 */
interface CustomerPage {

}
