package org.medkg.query;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.query.ARQ;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.sparql.ARQConstants;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.TransformCopy;
import org.apache.jena.sparql.algebra.Transformer;
import org.apache.jena.sparql.algebra.optimize.Optimize;
import org.apache.jena.sparql.algebra.optimize.RewriteFactory;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.expr.E_Regex;
import org.apache.jena.sparql.expr.E_StrReplace;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprEvalException;
import org.apache.jena.sparql.expr.ExprFunctionN;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.ExprTransformCopy;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.function.FunctionEnv;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.vocabulary.RDF;

/**
 * REGEX and REPLACE that stop when their query is cancelled. {@code java.util.regex} never looks at the query's
 * timeout: a catastrophically backtracking pattern ({@code (.*a){30}c}) spins its thread for hours after the client
 * got its 503. Here the matcher reads the text through a {@link CharSequence} that, every few thousand characters it
 * is asked for, checks the query's cancel signal and a deadline of one query timeout, and throws
 * {@link QueryCancelledException}: the evaluation stops, the thread is freed, and the client gets 503.
 *
 * <p>Installed on a dataset's context as a rewrite that runs before ARQ's standard optimizer; the functions refuse
 * to be evaluated without an execution context, so the optimizer cannot fold a constant REGEX outside any timeout.
 */
public final class CancellableRegex {
    private CancellableRegex() {}

    /** Makes every query on {@code context} (a dataset's or the global one) use the cancellable functions. */
    public static void install(Context context) {
        RewriteFactory std = Optimize.stdOptimizationFactory;
        context.set(ARQConstants.sysOptimizerFactory, (RewriteFactory) ctx -> op -> std.create(ctx).rewrite(rewrite(op)));
    }

    static Op rewrite(Op op) {
        return Transformer.transform(new TransformCopy(), new ExprTransformCopy() {
            @Override
            public Expr transform(ExprFunctionN func, ExprList args) {
                if (func instanceof Regex || func instanceof Replace) return super.transform(func, args);
                if (func instanceof E_Regex) return new Regex(args);
                if (func instanceof E_StrReplace) return new Replace(args);
                return super.transform(func, args);
            }
        }, op);
    }

    /** What stops a match: the query's cancel signal, or the deadline. */
    record Guard(AtomicBoolean cancel, long deadline) {
        static Guard of(FunctionEnv env) {
            AtomicBoolean cancel = env instanceof ExecutionContext ec ? ec.getCancelSignal() : null;
            long timeout = 10_000;
            Object t = env == null ? null : env.getContext().get(ARQ.queryTimeout);
            if (t != null) {
                try {
                    timeout = Long.parseLong(t.toString().split(",")[0].strip());
                } catch (NumberFormatException e) {
                    // keep the default
                }
            }
            return new Guard(cancel, System.currentTimeMillis() + timeout);
        }

        void check() {
            if ((cancel != null && cancel.get()) || System.currentTimeMillis() > deadline)
                throw new QueryCancelledException();
        }
    }

    /** The text, checked against the guard every 4096 character reads. */
    static final class Chars implements CharSequence {
        private final String s;
        private final Guard guard;
        private int reads;

        Chars(String s, Guard guard) {
            this.s = s;
            this.guard = guard;
        }

        @Override
        public char charAt(int index) {
            if ((++reads & 4095) == 0) guard.check();
            return s.charAt(index);
        }

        @Override
        public int length() { return s.length(); }

        @Override
        public CharSequence subSequence(int start, int end) { return new Chars(s.substring(start, end), guard); }

        @Override
        public String toString() { return s; }
    }

    static Pattern compile(String pattern, String flags) {
        int f = 0;
        for (char c : flags.toCharArray()) {
            switch (c) {
                case 'i' -> f |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                case 's' -> f |= Pattern.DOTALL;
                case 'm' -> f |= Pattern.MULTILINE;
                case 'x' -> f |= Pattern.COMMENTS;
                case 'q' -> f |= Pattern.LITERAL;
                default -> throw new ExprEvalException("REGEX: unknown flag '" + c + "'");
            }
        }
        try {
            return Pattern.compile(pattern, f);
        } catch (PatternSyntaxException e) {
            throw new ExprEvalException("REGEX: bad pattern: " + e.getDescription());
        }
    }

    static String string(NodeValue v, String what) {
        Node n = v.asNode();
        if (!n.isLiteral() || !(XSDDatatype.XSDstring.equals(n.getLiteralDatatype())
                || RDF.dtLangString.equals(n.getLiteralDatatype())))
            throw new ExprEvalException(what + ": not a string: " + v);
        return n.getLiteralLexicalForm();
    }

    /** REGEX(text, pattern [, flags]). */
    static final class Regex extends E_Regex {
        Regex(ExprList args) {
            super(args.get(0), args.get(1), args.size() > 2 ? args.get(2) : null);
        }

        @Override
        public NodeValue eval(List<NodeValue> args, FunctionEnv env) {
            String text = string(args.get(0), "REGEX");
            Pattern p = compile(string(args.get(1), "REGEX"), args.size() > 2 ? string(args.get(2), "REGEX") : "");
            return NodeValue.booleanReturn(p.matcher(new Chars(text, Guard.of(env))).find());
        }

        /** Without an execution context (constant folding while optimising), refuse: evaluate when the query runs. */
        @Override
        public NodeValue eval(List<NodeValue> args) {
            throw new ExprEvalException("REGEX is evaluated when the query runs, under its timeout");
        }

        @Override
        public Expr copy(ExprList newArgs) { return new Regex(newArgs); }
    }

    /** REPLACE(text, pattern, replacement [, flags]). */
    static final class Replace extends E_StrReplace {
        Replace(ExprList args) {
            super(args.get(0), args.get(1), args.get(2), args.size() > 3 ? args.get(3) : null);
        }

        @Override
        public NodeValue eval(List<NodeValue> args, FunctionEnv env) {
            NodeValue original = args.get(0);
            String text = string(original, "REPLACE");
            Pattern p = compile(string(args.get(1), "REPLACE"), args.size() > 3 ? string(args.get(3), "REPLACE") : "");
            if (p.matcher("").matches()) throw new ExprEvalException("REPLACE: the pattern matches the empty string");
            Matcher m = p.matcher(new Chars(text, Guard.of(env)));
            String result = m.replaceAll(string(args.get(2), "REPLACE"));
            Node n = original.asNode();
            return n.getLiteralLanguage().isEmpty() ? NodeValue.makeString(result) : NodeValue.makeLangString(result, n.getLiteralLanguage());
        }

        @Override
        public NodeValue eval(List<NodeValue> args) {
            throw new ExprEvalException("REPLACE is evaluated when the query runs, under its timeout");
        }

        @Override
        public Expr copy(ExprList newArgs) { return new Replace(newArgs); }
    }
}
