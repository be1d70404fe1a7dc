package io.swarmhub.node;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Mutates one or a few parameters of an editable parameters file within their declared
 * bounds: gaussian steps of mixed size for floats, multiplicative steps for log-scale floats,
 * small jumps for integers, another value for choices. Deterministic for a seeded Random.
 */
public final class MutationProposer implements Proposer {
    private static final double[] STEP = {0.02, 0.1, 0.3};
    private final String file;
    private final List<ParameterSpec> space;
    private final int maxChanges;

    public MutationProposer(String file, List<ParameterSpec> space, int maxChanges) {
        if (space.isEmpty()) {
            throw new IllegalArgumentException("a mutation proposer needs at least one parameter");
        }
        this.file = file;
        this.space = List.copyOf(space);
        this.maxChanges = Math.max(1, Math.min(maxChanges, space.size()));
    }

    @Override
    public String name() {
        return "mutation";
    }

    @Override
    public Proposal propose(ProposalContext context) throws ProposalException {
        String text = context.readFile().apply(file);
        if (text == null) {
            throw new ProposalException("parameters file " + file + " is missing from the workspace");
        }
        Random random = context.random();
        int changes = maxChanges == 1 || random.nextBoolean() ? 1 : 2 + random.nextInt(maxChanges - 1);
        List<ParameterSpec> order = new ArrayList<>(space);
        Collections.shuffle(order, random);
        Map<String, String> values = ParameterText.values(text);
        List<String> notes = new ArrayList<>();
        String out = text;
        for (ParameterSpec p : order.subList(0, changes)) {
            String old = values.get(p.name());
            if (old == null) {
                throw new ProposalException("no line '" + p.name() + " = ...' in " + file);
            }
            String next = mutate(p, old, random);
            out = ParameterText.with(out, p.name(), next);
            notes.add(p.name() + " " + old + " -> " + next);
        }
        return Proposal.ofEdits(Map.of(file, out), String.join(", ", notes));
    }

    static String mutate(ParameterSpec p, String old, Random random) {
        for (int attempt = 0; attempt < 16; attempt++) {
            String next = step(p, old, random);
            if (!next.equals(old)) {
                return next;
            }
        }
        return p.kind() == ParameterSpec.Kind.CHOICE ? old : format(p, random.nextDouble() * (p.max() - p.min()) + p.min());
    }

    private static String step(ParameterSpec p, String old, Random random) {
        if (p.kind() == ParameterSpec.Kind.CHOICE) {
            List<String> others = p.choices().stream().filter(c -> !c.equals(old)).toList();
            return others.get(random.nextInt(others.size()));
        }
        double v;
        try {
            v = Double.parseDouble(old);
        } catch (NumberFormatException e) {
            v = p.min() + random.nextDouble() * (p.max() - p.min());
        }
        double scale = STEP[random.nextInt(STEP.length)];
        double next = switch (p.kind()) {
            case FLOAT -> v + random.nextGaussian() * scale * (p.max() - p.min());
            case LOG_FLOAT -> (v > 0 ? v : p.min()) * Math.exp(random.nextGaussian() * scale * 2.5);
            case INT -> {
                long jump = 1 + (long) Math.floor(Math.abs(random.nextGaussian()) * scale * (p.max() - p.min()));
                yield v + (random.nextBoolean() ? jump : -jump);
            }
            default -> throw new IllegalStateException();
        };
        next = Math.max(p.min(), Math.min(p.max(), next));
        return format(p, next);
    }

    private static String format(ParameterSpec p, double v) {
        return switch (p.kind()) {
            case INT -> Long.toString(Math.round(v));
            case LOG_FLOAT -> plain(new BigDecimal(v).round(new MathContext(3)));
            default -> {
                double quantum = Math.pow(10, Math.floor(Math.log10((p.max() - p.min()) * 1e-4)));
                yield plain(BigDecimal.valueOf(Math.round(v / quantum)).multiply(BigDecimal.valueOf(quantum))
                        .round(new MathContext(12)));
            }
        };
    }

    private static String plain(BigDecimal d) {
        String s = d.stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    /** The file this proposer edits. */
    public String file() {
        return file;
    }
}
