package sc.fiji.convnet.commands;

/**
 * The order of Plugins › ConvNet in Fiji, as in {@code plugins.config}: Segment Nuclei first, then the other nuclei
 * commands, detection, classification, the model tools, and the Filters and Explain submenus last. SciJava sorts a
 * menu by weight (then by name), so every command gives its {@code @Menu} entries a weight; the submenus' weights are
 * these constants (all commands of a submenu must give the same). A test checks the order against {@code plugins.config}.
 */
final class MenuOrder {

	static final double FILTERS = 100;
	static final double EXPLAIN = 200;

	private MenuOrder() {}
}
