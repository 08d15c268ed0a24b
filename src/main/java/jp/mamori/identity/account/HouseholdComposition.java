package jp.mamori.identity.account;

/** The optional household composition (家族構成) a customer may pick at registration, and nothing finer. */
public enum HouseholdComposition {

	SINGLE, COUPLE, COUPLE_WITH_CHILDREN, SINGLE_PARENT, WITH_PARENTS, THREE_GENERATIONS, SHARED, OTHER

}
