package jp.mamori.identity.credentials;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;

import org.springframework.util.Assert;

/**
 * Argon2id through the reference C implementation (argon2-jvm, whose jar carries libargon2). Chosen
 * by measurement (docs/performance.md): about a third faster than BouncyCastle and twice as fast as
 * Password4j on the same machine, and, being native code, equally fast on every JVM start.
 *
 * <p>Each hash holds 19 MiB or more while it is computed, so at most {@code maxConcurrent} are
 * computed at once: a flood of sign-ins queues instead of exhausting the heap's neighbours.
 *
 * <p>The hashes run on platform threads of their own ({@code argon2-N}, one per slot), never on the
 * request's virtual thread: a native call pins a virtual thread to its carrier, and with one carrier
 * per processor a few 50 ms hashes would stop every other request, and the rest of each sign-in,
 * from running at all. The request's thread waits for the result without holding a carrier, in the
 * order the hashes were asked for.
 *
 * <p>The wait is bounded ({@link HashingQueue}): a hash that finds the slots and the queue full is
 * refused at once with {@link HashingBusyException} instead of stalling every sign-in behind a flood.
 */
final class Argon2idHasher implements PasswordHasher {

	static final int SALT_BYTES = 16;

	static final int HASH_BYTES = 32;

	private static final Pattern PHC = Pattern
		.compile("\\$argon2id\\$v=(\\d+)\\$m=(\\d{1,8}),t=(\\d{1,4}),p=(\\d{1,3})\\$[A-Za-z0-9+/]{11,64}\\$[A-Za-z0-9+/]{16,128}");

	private final Argon2Advanced argon2 = Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2id,
			SALT_BYTES, HASH_BYTES);

	private final IdentityProperties.Argon2 cost;

	private final SecureRandom random = new SecureRandom();

	private final ExecutorService slots;

	private final String dummyHash;

	private final HashingQueue queue;

	Argon2idHasher(IdentityProperties.Argon2 cost) {
		this(cost, HashingQueue.of(cost));
	}

	/** @param queue the bounded queue every hash passes before it reaches a slot */
	Argon2idHasher(IdentityProperties.Argon2 cost, HashingQueue queue) {
		Assert.notNull(cost, "cost cannot be null");
		Assert.notNull(queue, "queue cannot be null");
		this.cost = cost;
		this.queue = queue;
		int concurrent = HashingQueue.slots(cost);
		AtomicInteger threads = new AtomicInteger();
		this.slots = Executors.newFixedThreadPool(concurrent, (task) -> {
			Thread thread = new Thread(task, "argon2-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		byte[] secret = new byte[24];
		this.random.nextBytes(secret);
		this.dummyHash = hash(HexFormat.of().formatHex(secret));
	}

	@Override
	public String hash(String password) {
		byte[] salt = new byte[SALT_BYTES];
		this.random.nextBytes(salt);
		return hash(password, salt);
	}

	/** Hash with a given salt: for the interoperability test with the reference command-line tool. */
	String hash(String password, byte[] salt) {
		Assert.notNull(password, "password cannot be null");
		char[] chars = normalize(password);
		try {
			return onSlot(() -> this.argon2.hash(this.cost.iterations(), this.cost.memoryKib(),
					this.cost.parallelism(), chars, StandardCharsets.UTF_8, salt));
		}
		finally {
			Arrays.fill(chars, '\0');
		}
	}

	@Override
	public boolean verify(String password, String hash) {
		Assert.notNull(password, "password cannot be null");
		if (hash == null || !PHC.matcher(hash).matches()) {
			verifyDummy(password);
			return false;
		}
		char[] chars = normalize(password);
		try {
			return onSlot(() -> this.argon2.verify(hash, chars, StandardCharsets.UTF_8));
		}
		finally {
			Arrays.fill(chars, '\0');
		}
	}

	@Override
	public void verifyDummy(String password) {
		char[] chars = normalize(password);
		try {
			onSlot(() -> this.argon2.verify(this.dummyHash, chars, StandardCharsets.UTF_8));
		}
		finally {
			Arrays.fill(chars, '\0');
		}
	}

	@Override
	public boolean needsRehash(String hash) {
		Matcher phc = (hash != null) ? PHC.matcher(hash) : null;
		if (phc == null || !phc.matches()) {
			return true;
		}
		return Integer.parseInt(phc.group(1)) != 19 || Integer.parseInt(phc.group(2)) < this.cost.memoryKib()
				|| Integer.parseInt(phc.group(3)) < this.cost.iterations();
	}

	private static char[] normalize(String password) {
		return Normalizer.normalize(password, Normalizer.Form.NFKC).toCharArray();
	}

	/**
	 * Compute on a hashing slot and wait for the result, uninterruptibly, as a lock would.
	 * @throws HashingBusyException if the queue in front of the slots stayed full
	 */
	<T> T onSlot(Supplier<T> work) {
		this.queue.enter();
		try {
			return computed(this.slots.submit(work::get));
		}
		finally {
			this.queue.leave();
		}
	}

	private static <T> T computed(Future<T> result) {
		boolean interrupted = false;
		try {
			while (true) {
				try {
					return result.get();
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
				catch (ExecutionException ex) {
					if (ex.getCause() instanceof RuntimeException runtime) {
						throw runtime;
					}
					if (ex.getCause() instanceof Error error) {
						throw error;
					}
					throw new IllegalStateException(ex.getCause());
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
