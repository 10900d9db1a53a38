package org.vfioinspector.app.report;

import java.util.List;
import java.util.Optional;

import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.reset.BlastRadius;
import org.vfioinspector.core.reset.CdevPrediction;
import org.vfioinspector.core.reset.FunctionReset;
import org.vfioinspector.core.reset.GroupViability;
import org.vfioinspector.core.reset.HotResetPrediction;
import org.vfioinspector.core.reset.ResetMethodInfo;
import org.vfioinspector.core.reset.Verdict;
import org.vfioinspector.core.vfio.ResetKind;

/**
 * The {@code blast BDF --json} document (shared/DESIGN.md): the contract fields ({@code device}, {@code hotReset},
 * {@code blockers}, {@code warnings}), then both resets' verdicts and the details, and {@code cdevPath}: the hot reset
 * through the vfio device cdev and iommufd. {@code verdict} is the headline:
 * the recommended kind's, or the one the user chose.
 */
public record BlastDocument(String device, String verdict, Optional<String> recommended, FunctionResetPart functionReset,
                            HotResetPart hotReset, List<Viability> groupViability, List<FindingDocument> blockers,
                            List<FindingDocument> warnings, List<FindingDocument> unknowns,
                            List<Method> resetMethods, String recommendation, String automaticReset,
                            List<AffectedDocument> affectedDetails, Optional<CdevPathDocument> cdevPath) {

    /** {@code VFIO_DEVICE_RESET}: whether the kernel has a method for it, and its own verdict. */
    public record FunctionResetPart(Optional<Boolean> possible, Optional<String> method, Optional<List<String>> methods,
                                    String source, List<String> affected, List<Integer> groups, String reason,
                                    String verdict, List<FindingDocument> blockers, List<FindingDocument> warnings,
                                    List<FindingDocument> unknowns) {

        static FunctionResetPart of(FunctionReset f) {
            return new FunctionResetPart(f.possible(), f.method(), f.methods().methods(), Json.word(f.methods().source()),
                    Json.addresses(f.affected()), f.groups(), f.reason(), f.verdict().json(),
                    FindingDocument.of(f.blockers()), FindingDocument.of(f.warnings()), FindingDocument.of(f.unknowns()));
        }
    }

    /** The slot or bus reset: {@code possible} = the kernel offers one (null when that cannot be known). */
    public record HotResetPart(Optional<Boolean> possible, Optional<String> scope, Optional<String> resetBridge,
                               List<String> affected, List<Integer> groups, String reason, String reasonCode,
                               String verdict) {

        static HotResetPart of(BlastRadius b) {
            HotResetPrediction p = b.hotReset();
            return new HotResetPart(b.hotResetPossible(), p.scope().map(s -> s.json()),
                    p.resetBridge().map(PciAddress::toString), Json.addresses(p.affected()), p.groups(), p.reason(),
                    p.reasonCode(), b.hotResetVerdict().json());
        }
    }

    /** An IOMMU group a reset opens: VFIO may use it only when no member breaks viability. */
    public record Viability(int group, Optional<Boolean> viable, List<Member> members) {

        static Viability of(GroupViability g) {
            return new Viability(g.group(), g.viable(), g.members().stream()
                    .map(m -> new Member(m.address().toString(), m.driver(), m.bridge(), m.breaksViability())).toList());
        }
    }

    /** {@code breaksViability} null when it cannot be known (a bridge on a host driver, kernel version unknown). */
    public record Member(String address, Optional<String> driver, boolean bridge, Optional<Boolean> breaksViability) {
    }

    /** A reset method the kernel lists, what it does, and whether it touches only this function. */
    public record Method(String method, String explanation, boolean functionOnly) {

        static Method of(ResetMethodInfo m) {
            return new Method(m.method(), m.explanation(), m.functionOnly());
        }
    }

    public static BlastDocument of(BlastRadius b) {
        return of(b, b.verdict());
    }

    public static BlastDocument of(BlastRadius b, Verdict verdict) {
        return of(b, verdict, Optional.empty());
    }

    /** With {@code cdevPath}: the hot reset through the vfio device cdev and iommufd (null in JSON when not predicted). */
    public static BlastDocument of(BlastRadius b, Verdict verdict, Optional<CdevPrediction> cdev) {
        return new BlastDocument(b.device().toString(), verdict.json(), b.recommended().map(BlastDocument::kind),
                FunctionResetPart.of(b.functionReset()), HotResetPart.of(b), b.groupViability().stream()
                .map(Viability::of).toList(), FindingDocument.of(b.blockers()), FindingDocument.of(b.warnings()),
                FindingDocument.of(b.unknowns()), b.resetMethods().stream().map(Method::of).toList(), b.recommendation(), b.automaticReset(),
                b.affected().stream().map(AffectedDocument::of).toList(), cdev.map(CdevPathDocument::of));
    }

    /** {@code function} or {@code hot}, as {@code recommended} and {@code blast --reset} spell them. */
    public static String kind(ResetKind k) {
        return k == ResetKind.FUNCTION_RESET ? "function" : "hot";
    }
}
