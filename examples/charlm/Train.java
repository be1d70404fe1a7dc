import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.swarmhub.evaluator.charlm.Hyperparameters;
import io.swarmhub.evaluator.charlm.TrainableModel;
import io.swarmhub.evaluator.charlm.TrainingData;
import java.util.ArrayList;
import java.util.List;

/**
 * A small GPT over bytes and its training step (the editable half, like autoresearch's train.py): token and
 * position embeddings, pre-norm blocks of causal multi-head self-attention and an MLP, a final norm and an
 * output head; AdamW with linear warm-up then decay, the token embedding and the head at their own, higher
 * learning rate ({@code embed_lr}). The harness owns the loop, the clock and the metric.
 */
public final class Train implements TrainableModel {
    private final NDManager manager;
    private final int depth;
    private final int width;
    private final int heads;
    private final int seqLen;
    private final int batchSize;
    private final double peakLr;
    private final int warmupSteps;
    private final double decay;
    private final double finalLrFrac;
    private final String schedule;
    private final String activation;
    private final float dropout;
    private final List<NDArray> decayed = new ArrayList<>();
    private final List<NDArray> plain = new ArrayList<>();
    private final List<NDArray> embeddings = new ArrayList<>();
    private final NDArray tokenEmbedding;
    private final NDArray positionEmbedding;
    private final NDArray[][] blocks;
    private final NDArray finalGain;
    private final NDArray finalBias;
    private final NDArray head;
    private final NDArray causalMask;
    private final Optimizer decayedOptimizer;
    private final Optimizer plainOptimizer;
    private final Optimizer embeddingOptimizer;
    private final double embedLrFactor;
    private float lr;
    private int step;

    public Train(Hyperparameters hp, NDManager manager) {
        this.manager = manager;
        depth = hp.intValue("depth", 1, 48);
        width = hp.intValue("width", 8, 4096);
        heads = hp.intValue("heads", 1, 64);
        if (width % heads != 0) {
            throw new Hyperparameters.HyperparameterException(
                    Hyperparameters.FILE + ": width " + width + " is not a multiple of heads " + heads);
        }
        seqLen = hp.intValue("seq_len", 2, 4096);
        batchSize = hp.intValue("batch_size", 1, 4096);
        int mlp = hp.intValue("mlp_ratio", 1, 16) * width;
        peakLr = hp.doubleValue("lr", 1e-6, 1);
        embedLrFactor = hp.doubleValue("embed_lr", 1e-6, 1) / peakLr;
        warmupSteps = hp.intValue("warmup_steps", 0, 100_000);
        schedule = hp.choice("schedule", "wsd", "cosine", "linear", "constant");
        decay = hp.doubleValue("decay", 0.01, 1);
        finalLrFrac = hp.doubleValue("final_lr_frac", 0, 1);
        activation = hp.choice("activation", "gelu", "relu", "swish");
        dropout = (float) hp.doubleValue("dropout", 0, 0.9);
        double weightDecay = hp.doubleValue("weight_decay", 0, 1);
        float beta2 = (float) hp.doubleValue("beta2", 0.5, 0.9999);
        String optimizer = hp.choice("optimizer", "adamw", "adam", "sgd");

        float std = 0.02f;
        float residualStd = std / (float) Math.sqrt(2.0 * depth);
        tokenEmbedding = param(embeddings, new Shape(256, width), std);
        positionEmbedding = param(decayed, new Shape(seqLen, width), std);
        blocks = new NDArray[depth][];
        for (int i = 0; i < depth; i++) {
            blocks[i] = new NDArray[] {
                ones(width), param(plain, new Shape(width), 0),                                  // 0, 1: norm 1
                param(decayed, new Shape(3 * width, width), std), param(plain, new Shape(3 * width), 0), // 2, 3: qkv
                param(decayed, new Shape(width, width), residualStd), param(plain, new Shape(width), 0), // 4, 5: proj
                ones(width), param(plain, new Shape(width), 0),                                  // 6, 7: norm 2
                param(decayed, new Shape(mlp, width), std), param(plain, new Shape(mlp), 0),          // 8, 9: fc
                param(decayed, new Shape(width, mlp), residualStd), param(plain, new Shape(width), 0), // 10, 11: out
            };
        }
        finalGain = ones(width);
        finalBias = param(plain, new Shape(width), 0);
        head = param(embeddings, new Shape(256, width), std);
        float[] mask = new float[seqLen * seqLen];
        for (int i = 0; i < seqLen; i++) {
            for (int j = i + 1; j < seqLen; j++) {
                mask[i * seqLen + j] = -1e9f;
            }
        }
        causalMask = manager.create(mask, new Shape(seqLen, seqLen));
        Tracker rate = updates -> lr;
        decayedOptimizer = optimizer(optimizer, rate, (float) weightDecay, beta2);
        plainOptimizer = optimizer(optimizer, rate, 0, beta2);
        embeddingOptimizer = optimizer(optimizer, updates -> (float) (lr * embedLrFactor), 0, beta2);
    }

    @Override
    public float trainStep(TrainingData data, double progress) {
        lr = (float) (peakLr * lrFactor(++step, progress));
        float loss;
        try (GradientCollector collector = manager.getEngine().newGradientCollector();
             NDScope scope = new NDScope()) {
            TrainingData.Batch batch = data.next(manager, batchSize, seqLen);
            NDArray logits = forward(batch.inputs(), true);
            NDArray nll = logits.logSoftmax(-1).gather(batch.targets().expandDims(-1), 2).mean().neg();
            collector.backward(nll);
            loss = nll.getFloat();
        }
        update(decayed, decayedOptimizer, "d");
        update(plain, plainOptimizer, "p");
        update(embeddings, embeddingOptimizer, "e");
        return loss;
    }

    @Override
    public NDArray logits(NDArray tokens) {
        return forward(tokens, false);
    }

    @Override
    public int contextLength() {
        return seqLen;
    }

    @Override
    public long parameterCount() {
        long n = 0;
        for (List<NDArray> group : List.of(decayed, plain, embeddings)) {
            for (NDArray p : group) {
                n += p.size();
            }
        }
        return n;
    }

    private NDArray forward(NDArray tokens, boolean training) {
        long b = tokens.getShape().get(0);
        int t = (int) tokens.getShape().get(1);
        NDArray x = Embedding.embedding(tokens, tokenEmbedding, SparseFormat.DENSE).singletonOrThrow()
                .add(positionEmbedding.get("0:" + t));
        NDArray mask = t == seqLen ? causalMask : causalMask.get(":" + t + ", :" + t);
        float scale = (float) (1 / Math.sqrt(width / (double) heads));
        for (NDArray[] k : blocks) {
            NDArray h = norm(x, k[0], k[1]);
            NDArray qkv = linear(h, k[2], k[3]).reshape(b, t, 3, heads, width / heads).transpose(2, 0, 3, 1, 4);
            NDArray attention = qkv.get(0).matMul(qkv.get(1).transpose(0, 1, 3, 2)).mul(scale).add(mask).softmax(-1);
            NDArray y = attention.matMul(qkv.get(2)).transpose(0, 2, 1, 3).reshape(b, t, width);
            x = x.add(drop(linear(y, k[4], k[5]), training));
            h = norm(x, k[6], k[7]);
            x = x.add(drop(linear(activate(linear(h, k[8], k[9])), k[10], k[11]), training));
        }
        return linear(norm(x, finalGain, finalBias), head, null);
    }

    /**
     * Linear warm-up over the first {@code warmup_steps}, then the schedule, over the fraction of the training time:
     * {@code wsd} holds the peak and decays linearly to {@code final_lr_frac} over the last {@code decay} of the
     * time. Holding the rate constant makes step k identical in every run however fast the machine was, so
     * results vary less from run to run than with cosine.
     */
    private double lrFactor(int step, double progress) {
        double warm = step < warmupSteps ? step / (double) warmupSteps : 1;
        double f = switch (schedule) {
            case "wsd" -> progress < 1 - decay ? 1 : 1 - (1 - finalLrFrac) * (progress - 1 + decay) / decay;
            case "cosine" -> finalLrFrac + (1 - finalLrFrac) * 0.5 * (1 + Math.cos(Math.PI * progress));
            case "linear" -> 1 - (1 - finalLrFrac) * progress;
            default -> 1;
        };
        return warm * f;
    }

    private static void update(List<NDArray> params, Optimizer optimizer, String prefix) {
        for (int i = 0; i < params.size(); i++) {
            NDArray p = params.get(i);
            try (NDArray grad = p.getGradient()) {
                optimizer.update(prefix + i, p, grad);
                grad.subi(grad); // PyTorch accumulates gradients: clear them for the next step
            }
        }
    }

    private static Optimizer optimizer(String kind, Tracker rate, float weightDecay, float beta2) {
        return switch (kind) {
            case "adam" -> Optimizer.adam().optLearningRateTracker(rate).optBeta2(beta2)
                    .optWeightDecays(weightDecay).build();
            case "sgd" -> Optimizer.sgd().setLearningRateTracker(rate).optMomentum(0.9f)
                    .optWeightDecays(weightDecay).build();
            default -> Optimizer.adamW().optLearningRateTracker(rate).optBeta2(beta2)
                    .optWeightDecays(weightDecay).build();
        };
    }

    private NDArray activate(NDArray x) {
        return switch (activation) {
            case "relu" -> Activation.relu(x);
            case "swish" -> Activation.swish(x, 1f);
            default -> Activation.gelu(x);
        };
    }

    private NDArray drop(NDArray x, boolean training) {
        return training && dropout > 0 ? Dropout.dropout(x, dropout, true).singletonOrThrow() : x;
    }

    private NDArray norm(NDArray x, NDArray gain, NDArray bias) {
        return LayerNorm.layerNorm(x, new Shape(width), gain, bias, 1e-5f).singletonOrThrow();
    }

    private static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        return Linear.linear(x, weight, bias).singletonOrThrow();
    }

    private NDArray param(List<NDArray> group, Shape shape, float std) {
        NDArray p = std == 0 ? manager.zeros(shape, DataType.FLOAT32)
                : manager.randomNormal(0, std, shape, DataType.FLOAT32);
        p.setRequiresGradient(true);
        group.add(p);
        return p;
    }

    private NDArray ones(int n) {
        NDArray p = manager.ones(new Shape(n));
        p.setRequiresGradient(true);
        plain.add(p);
        return p;
    }
}
