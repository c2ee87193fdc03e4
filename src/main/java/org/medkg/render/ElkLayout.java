package org.medkg.render;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeLabelPlacement;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkLabel;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Lays a lineage graph out with Eclipse ELK's layered (Sugiyama) algorithm: bases above the models built on them,
 * edge crossings minimised, edges routed orthogonally around the boxes, relation labels placed on the edges.
 */
public final class ElkLayout {
    static final double FONT = 12;
    static final double CHAR = 6.8;
    static final double BOX_H = 30;

    /** A placed box. */
    public record Box(LineageGraph.Node node, double x, double y, double w, double h, String text) {}

    /** A routed edge: points from base to derived model, and where its label goes. */
    public record Route(LineageGraph.Edge edge, List<double[]> points, double labelX, double labelY, double labelWidth,
                        double labelHeight) {}

    public record Layout(List<Box> boxes, List<Route> routes, double width, double height) {}

    static {
        LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
    }

    private ElkLayout() {}

    public static synchronized Layout layout(LineageGraph g) {
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(CoreOptions.DIRECTION, Direction.DOWN);
        root.setProperty(CoreOptions.SPACING_NODE_NODE, 24.0);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 36.0);
        root.setProperty(CoreOptions.PADDING, new org.eclipse.elk.core.math.ElkPadding(16));
        root.setProperty(CoreOptions.EDGE_ROUTING, org.eclipse.elk.core.options.EdgeRouting.ORTHOGONAL);
        // Relation labels belong to one edge each: ELK places each in the layer next to the derived model, past the
        // point where a base's edges fan out, and routes the edge through it (inline), so no label sits beside a
        // neighbouring edge's segment.
        root.setProperty(LayeredOptions.EDGE_LABELS_CENTER_LABEL_PLACEMENT_STRATEGY,
                org.eclipse.elk.alg.layered.options.CenterEdgeLabelPlacementStrategy.HEAD_LAYER);

        Map<String, ElkNode> elkNodes = new HashMap<>();
        Map<ElkNode, LineageGraph.Node> back = new HashMap<>();
        Map<ElkNode, String> texts = new HashMap<>();
        for (LineageGraph.Node n : g.nodes()) {
            int k = g.foldedInto(n.iri());
            String suffix = k == 0 ? "" : " +" + k + (k == 1 ? " export" : " exports");
            int room = 34 - suffix.length();
            String text = (n.label().length() > room ? n.label().substring(0, room - 1) + "…" : n.label()) + suffix;
            ElkNode e = ElkGraphUtil.createNode(root);
            e.setDimensions(Math.max(70, text.length() * CHAR + 20), BOX_H);
            elkNodes.put(n.iri(), e);
            back.put(e, n);
            texts.put(e, text);
        }
        List<ElkEdge> elkEdges = new ArrayList<>();
        Map<ElkEdge, LineageGraph.Edge> edgeBack = new HashMap<>();
        for (LineageGraph.Edge e : g.edges()) {
            ElkEdge ee = ElkGraphUtil.createSimpleEdge(elkNodes.get(e.base()), elkNodes.get(e.derived()));
            if (!e.relation().isEmpty()) {
                ElkLabel l = ElkGraphUtil.createLabel(e.relation(), ee);
                l.setDimensions(e.relation().length() * CHAR * 0.85 + 6, FONT);
                l.setProperty(CoreOptions.EDGE_LABELS_PLACEMENT, EdgeLabelPlacement.CENTER);
                l.setProperty(CoreOptions.EDGE_LABELS_INLINE, true);
            }
            elkEdges.add(ee);
            edgeBack.put(ee, e);
        }
        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());

        List<Box> boxes = new ArrayList<>();
        for (ElkNode e : root.getChildren())
            boxes.add(new Box(back.get(e), e.getX(), e.getY(), e.getWidth(), e.getHeight(), texts.get(e)));
        List<Route> routes = new ArrayList<>();
        for (ElkEdge ee : elkEdges) {
            List<double[]> pts = new ArrayList<>();
            if (!ee.getSections().isEmpty()) {
                ElkEdgeSection s = ee.getSections().get(0);
                pts.add(new double[] {s.getStartX(), s.getStartY()});
                for (ElkBendPoint b : s.getBendPoints()) pts.add(new double[] {b.getX(), b.getY()});
                pts.add(new double[] {s.getEndX(), s.getEndY()});
            }
            double lx = Double.NaN;
            double ly = Double.NaN;
            double lw = 0;
            double lh = 0;
            if (!ee.getLabels().isEmpty()) {
                ElkLabel l = ee.getLabels().get(0);
                lx = l.getX();
                ly = l.getY();
                lw = l.getWidth();
                lh = l.getHeight();
            }
            routes.add(new Route(edgeBack.get(ee), pts, lx, ly, lw, lh));
        }
        return new Layout(boxes, routes, root.getWidth(), root.getHeight());
    }
}
