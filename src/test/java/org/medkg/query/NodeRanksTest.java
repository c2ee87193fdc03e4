package org.medkg.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.engine.binding.BindingComparator;
import org.apache.jena.sparql.expr.NodeValue;
import org.junit.jupiter.api.Test;

/** The ranks order nodes exactly as Jena's ORDER BY compares them, shortcuts (plain strings, IRIs) included. */
class NodeRanksTest {
    @Test
    void everyPairComparesAsJenaComparesIt() {
        List<Node> nodes = new ArrayList<>();
        for (String s : new String[] {"", "a", "A", "b", "Z", "é", "ab", "a b", "10", "9", "BERT", "bert", "Llama-2", "Llama 2"}) {
            nodes.add(NodeFactory.createLiteralString(s));
            nodes.add(NodeFactory.createLiteralLang(s.isEmpty() ? "x" : s, "en"));
        }
        for (String u : new String[] {"https://w3id.org/medkg/id/model/m1", "https://w3id.org/medkg/id/model/m10",
                "https://w3id.org/medkg/id/model/m2", "https://w3id.org/medkg/id/family/llama-2", "http://a.example/Z",
                "urn:x", "https://w3id.org/medkg/id/model/M1"})
            nodes.add(NodeFactory.createURI(u));
        for (String n : new String[] {"1", "01", "2", "10", "-1"}) nodes.add(NodeFactory.createLiteralDT(n, XSDDatatype.XSDinteger));
        nodes.add(NodeFactory.createLiteralDT("0.5", XSDDatatype.XSDdecimal));
        nodes.add(NodeFactory.createLiteralDT("0.50", XSDDatatype.XSDdecimal));
        nodes.add(NodeFactory.createLiteralDT("2023-07-01", XSDDatatype.XSDdate));
        nodes.add(NodeFactory.createLiteralDT("2021", XSDDatatype.XSDgYear));
        nodes.add(NodeFactory.createBlankNode("b1"));
        int[] rank = NodeRanks.of(nodes);
        for (int i = 0; i < nodes.size(); i++)
            for (int j = 0; j < nodes.size(); j++) {
                int jena = Integer.signum(BindingComparator.compareNodesRaw(NodeValue.makeNode(nodes.get(i)), NodeValue.makeNode(nodes.get(j))));
                assertEquals(jena, Integer.signum(NodeRanks.compare(nodes.get(i), nodes.get(j))), nodes.get(i) + " vs " + nodes.get(j));
                assertEquals(jena, Integer.signum(Integer.compare(rank[i], rank[j])), "ranks of " + nodes.get(i) + " vs " + nodes.get(j));
            }
    }
}
