package jp.mamori.vault;

import java.util.Objects;

/**
 * A Japanese bank account as a Zengin transfer needs it: bank code (4 digits), branch code (3
 * digits), account type, account number (7 digits) and the holder's name in kana. Personal data:
 * {@code toString()} shows only the masked form ({@code 0001-123 普通 ****567}).
 */
public final class BankAccount {

	private final String bankCode;

	private final String branchCode;

	private final Type type;

	private final String number;

	private final String holderKana;

	private BankAccount(String bankCode, String branchCode, Type type, String number, String holderKana) {
		this.bankCode = Masking.digits(bankCode, "bank code", 4);
		this.branchCode = Masking.digits(branchCode, "branch code", 3);
		if (type == null) {
			throw new IllegalArgumentException("account type is required");
		}
		this.type = type;
		this.number = Masking.digits(number, "account number", 7);
		this.holderKana = Masking.kana(holderKana, "account holder (kana)", 48);
	}

	/** @throws IllegalArgumentException if a part is missing or malformed */
	public static BankAccount of(String bankCode, String branchCode, Type type, String number, String holderKana) {
		return new BankAccount(bankCode, branchCode, type, number, holderKana);
	}

	public String bankCode() {
		return this.bankCode;
	}

	public String branchCode() {
		return this.branchCode;
	}

	public Type type() {
		return this.type;
	}

	public String number() {
		return this.number;
	}

	public String holderKana() {
		return this.holderKana;
	}

	/** @return bank, branch and type, and only the last three digits of the number */
	public String masked() {
		return this.bankCode + "-" + this.branchCode + " " + this.type.japanese() + " " + Masking.STARS
				+ this.number.substring(4);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof BankAccount that && this.bankCode.equals(that.bankCode)
				&& this.branchCode.equals(that.branchCode) && this.type == that.type && this.number.equals(that.number)
				&& this.holderKana.equals(that.holderKana);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.bankCode, this.branchCode, this.type, this.number, this.holderKana);
	}

	@Override
	public String toString() {
		return "BankAccount[" + masked() + "]";
	}

	/** Account types of Japanese banks, with the Zengin code. */
	public enum Type {

		ORDINARY("普通", 1), CURRENT("当座", 2), SAVINGS("貯蓄", 4);

		private final String japanese;

		private final int zenginCode;

		Type(String japanese, int zenginCode) {
			this.japanese = japanese;
			this.zenginCode = zenginCode;
		}

		public String japanese() {
			return this.japanese;
		}

		public int zenginCode() {
			return this.zenginCode;
		}

	}

}
