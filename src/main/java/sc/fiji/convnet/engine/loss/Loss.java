package sc.fiji.convnet.engine.loss;

import sc.fiji.convnet.tensor.Tensor;

/**
 * A scalar error function of the network output and a target. {@link #forward} returns the loss and
 * keeps what {@link #gradient()} needs: ∂L/∂prediction, with the prediction's shape.
 */
public interface Loss {

	double forward(Tensor prediction, Tensor target);

	Tensor gradient();

	String name();
}
