package sc.fiji.convnet.predict;

/** Progress and cancellation for long work, independent of any user interface. */
public interface Progress {

	void update(int done, int total);

	boolean cancelled();

	Progress NONE = new Progress() {
		@Override public void update(int done, int total) {}
		@Override public boolean cancelled() { return false; }
	};
}
