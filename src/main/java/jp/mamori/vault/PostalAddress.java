package jp.mamori.vault;

import java.util.Objects;

/**
 * A Japanese postal address: 7-digit postal code, prefecture, city (市区町村), street and number, and
 * an optional building and room line. Personal data: {@code toString()} shows only the masked form
 * ({@code 東京都渋谷区****}).
 */
public final class PostalAddress {

	private final String postalCode;

	private final Prefecture prefecture;

	private final String city;

	private final String street;

	private final String building;

	private PostalAddress(String postalCode, Prefecture prefecture, String city, String street, String building) {
		this.postalCode = Masking.digits(postalCode, "postal code", 7);
		if (prefecture == null) {
			throw new IllegalArgumentException("prefecture is required");
		}
		this.prefecture = prefecture;
		this.city = Masking.line(city, "city", 50);
		this.street = Masking.line(street, "street", 100);
		this.building = (building == null || building.isBlank()) ? "" : Masking.line(building, "building", 100);
	}

	/**
	 * @param postalCode {@code 1500002} or {@code 150-0002}
	 * @param building building and room, or empty
	 * @throws IllegalArgumentException if a part is missing or malformed
	 */
	public static PostalAddress of(String postalCode, Prefecture prefecture, String city, String street,
			String building) {
		return new PostalAddress(postalCode, prefecture, city, street, building);
	}

	/** @return e.g. {@code 150-0002} */
	public String postalCode() {
		return this.postalCode.substring(0, 3) + "-" + this.postalCode.substring(3);
	}

	public Prefecture prefecture() {
		return this.prefecture;
	}

	public String city() {
		return this.city;
	}

	public String street() {
		return this.street;
	}

	/** @return building and room, or empty */
	public String building() {
		return this.building;
	}

	/** @return e.g. {@code 東京都渋谷区****} */
	public String masked() {
		return this.prefecture.japanese() + this.city + Masking.STARS;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof PostalAddress that && this.postalCode.equals(that.postalCode)
				&& this.prefecture == that.prefecture && this.city.equals(that.city) && this.street.equals(that.street)
				&& this.building.equals(that.building);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.postalCode, this.prefecture, this.city, this.street, this.building);
	}

	@Override
	public String toString() {
		return "PostalAddress[" + masked() + "]";
	}

}
