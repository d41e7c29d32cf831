package sc.fiji.convnet.tensor;

/** 16-bit floating-point formats to float. */
public final class HalfFloat {

	private HalfFloat() {}

	/** IEEE 754 half precision (binary16): 1 sign, 5 exponent, 10 mantissa bits. */
	public static float fromHalf(short h) {
		int bits = h & 0xffff;
		int sign = (bits & 0x8000) << 16, exp = (bits >>> 10) & 0x1f, mant = bits & 0x3ff;
		if (exp == 0x1f) return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13)); // inf, NaN
		if (exp == 0) { // zero or subnormal: mant · 2^-24
			float v = mant * 0x1p-24f;
			return sign != 0 ? -v : v;
		}
		return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
	}

	/** bfloat16: the upper half of a float. */
	public static float fromBfloat16(short b) {
		return Float.intBitsToFloat((b & 0xffff) << 16);
	}
}
