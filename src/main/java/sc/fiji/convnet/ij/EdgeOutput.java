package sc.fiji.convnet.ij;

/** Which maps Edge Filters gives: one of the signed responses (Bishop eqs. 10.3, 10.4), their magnitude, or all three. */
public enum EdgeOutput {
	/** gx, the signed response to vertical edges (eq. 10.3). */
	VERTICAL,
	/** gy, the signed response to horizontal edges (eq. 10.4). */
	HORIZONTAL,
	/** √(gx² + gy²). */
	MAGNITUDE,
	/** gx, gy and the magnitude as three channels per input channel. */
	ALL
}
