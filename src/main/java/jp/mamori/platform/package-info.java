/**
 * The ground every module stands on: the clock, identifiers, money, problem details, the web
 * security baseline (TLS, headers, CSP, the card-number guard), the database and i18n.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package jp.mamori.platform;

import org.springframework.modulith.ApplicationModule;
