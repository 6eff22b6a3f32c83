package dev.omnivault.torture;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A small seeded generator combinator: a value from a {@link Random}, and the few ways to combine
 * them the hostile-input scenario needs. The same seed gives the same requests, so a failure
 * printed with its seed can be replayed with {@code bin/torture --seed N}.
 */
@FunctionalInterface
interface Gen<T> {

    T next(Random random);

    default <R> Gen<R> map(Function<? super T, ? extends R> mapper) {
        return random -> mapper.apply(next(random));
    }

    default Gen<List<T>> list(int min, int max) {
        return random -> {
            int size = min + random.nextInt(max - min + 1);
            var values = new ArrayList<T>(size);
            for (int i = 0; i < size; i++) {
                values.add(next(random));
            }
            return values;
        };
    }

    static <A, B, R> Gen<R> combine(Gen<A> a, Gen<B> b, BiFunction<A, B, R> combiner) {
        return random -> combiner.apply(a.next(random), b.next(random));
    }

    @SafeVarargs
    static <T> Gen<T> of(T... values) {
        return random -> values[random.nextInt(values.length)];
    }

    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        return random -> gens[random.nextInt(gens.length)].next(random);
    }

    /** {@code first} with weight {@code firstWeight}, and so on: weights are relative. */
    static <T> Gen<T> weighted(
            int firstWeight, Gen<T> first, int secondWeight, Gen<T> second, int thirdWeight, Gen<T> third) {
        int total = firstWeight + secondWeight + thirdWeight;
        return random -> {
            int pick = random.nextInt(total);
            return pick < firstWeight
                    ? first.next(random)
                    : pick < firstWeight + secondWeight ? second.next(random) : third.next(random);
        };
    }

    /** Strings of up to {@code maxLength} characters drawn from {@code chars}. */
    static Gen<String> strings(String chars, int maxLength) {
        return random -> {
            int length = random.nextInt(maxLength + 1);
            var out = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                out.append(chars.charAt(random.nextInt(chars.length())));
            }
            return out.toString();
        };
    }

    /** Any UTF-16 code units, surrogates and controls included, up to {@code maxLength}. */
    static Gen<String> anyStrings(int maxLength) {
        return random -> {
            int length = random.nextInt(maxLength + 1);
            var out = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                out.append(random.nextInt(4) == 0 ? (char) random.nextInt(0x80) : (char) random.nextInt(0x10000));
            }
            return out.toString();
        };
    }

    static Gen<byte[]> bytes(int maxLength) {
        return random -> {
            byte[] bytes = new byte[random.nextInt(maxLength + 1)];
            random.nextBytes(bytes);
            return bytes;
        };
    }
}
