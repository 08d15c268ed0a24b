/**
 * The staff console's pages and the staff JSON API under {@code /api/v1/staff}; every handler declares
 * its {@link jp.mamori.staff.StaffPermission}. Nothing below this package knows it.
 */
package jp.mamori.staff.web;
