package jp.mamori.vault;

/**
 * A person's name as Japanese forms take it: family and given name (kanji or any script) and their
 * reading in kana. Personal data: {@code toString()} shows only the masked form.
 */
public final class PersonName {

	private final String family;

	private final String given;

	private final String familyKana;

	private final String givenKana;

	private PersonName(String family, String given, String familyKana, String givenKana) {
		this.family = Masking.line(family, "family name", 50);
		this.given = Masking.line(given, "given name", 50);
		this.familyKana = Masking.kana(familyKana, "family name (kana)", 50);
		this.givenKana = Masking.kana(givenKana, "given name (kana)", 50);
	}

	/** @throws IllegalArgumentException if a part is blank, too long, or a reading is not kana */
	public static PersonName of(String family, String given, String familyKana, String givenKana) {
		return new PersonName(family, given, familyKana, givenKana);
	}

	public String family() {
		return this.family;
	}

	public String given() {
		return this.given;
	}

	public String familyKana() {
		return this.familyKana;
	}

	public String givenKana() {
		return this.givenKana;
	}

	/** @return e.g. {@code 山田 太郎} */
	public String fullName() {
		return this.family + " " + this.given;
	}

	/** @return the first character of the family name and stars, e.g. {@code 山** 様} */
	public String masked() {
		return this.family.substring(0, this.family.offsetByCodePoints(0, 1)) + "** 様";
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof PersonName that && this.family.equals(that.family) && this.given.equals(that.given)
				&& this.familyKana.equals(that.familyKana) && this.givenKana.equals(that.givenKana);
	}

	@Override
	public int hashCode() {
		return java.util.Objects.hash(this.family, this.given, this.familyKana, this.givenKana);
	}

	@Override
	public String toString() {
		return "PersonName[" + masked() + "]";
	}

}
