package org.vfioinspector.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.vfioinspector.core.model.LinkStatus;
import org.vfioinspector.core.model.PciAddress;

/** Every rule of {@link VerdictRules}, on facts built here: no files. */
class VerdictRulesTest {

    private static final PciAddress NIC = PciAddress.parse("0000:01:00.0");
    private static final PciAddress PORT = PciAddress.parse("0000:00:1c.0");
    private static final LinkStatus GEN3_X4 = link("8.0 GT/s PCIe", 4);

    /** A sample of NIC to change one fact at a time. */
    private record F(boolean present, int vendor, boolean live, Optional<String> power, LinkStatus link,
                     AerCounters aer, Optional<String> driver, LinkStatus portLink, Optional<Boolean> portActive,
                     AerCounters rootAer) {

        static F good() {
            return new F(true, 0x8086, true, Optional.of("D0"), GEN3_X4, counts(0, 0, 0), Optional.of("vfio-pci"), GEN3_X4,
                    Optional.of(true), counts(5, 0, 0));
        }

        F vendor(int v) {
            return new F(present, v, live, power, link, aer, driver, portLink, portActive, rootAer);
        }

        F gone() {
            return new F(false, vendor, false, Optional.empty(), LinkStatus.UNKNOWN, AerCounters.UNKNOWN, Optional.empty(),
                    portLink, portActive, rootAer);
        }

        F unreadable() {
            return new F(present, vendor, false, power, link, aer, driver, portLink, portActive, rootAer);
        }

        F power(String p) {
            return new F(present, vendor, live, Optional.ofNullable(p), link, aer, driver, portLink, portActive, rootAer);
        }

        F link(LinkStatus l) {
            return new F(present, vendor, live, power, l, aer, driver, portLink, portActive, rootAer);
        }

        F portLink(LinkStatus l) {
            return new F(present, vendor, live, power, link, aer, driver, l, portActive, rootAer);
        }

        F portActive(Optional<Boolean> a) {
            return new F(present, vendor, live, power, link, aer, driver, portLink, a, rootAer);
        }

        F aer(AerCounters c) {
            return new F(present, vendor, live, power, link, c, driver, portLink, portActive, rootAer);
        }

        F rootAer(AerCounters c) {
            return new F(present, vendor, live, power, link, aer, driver, portLink, portActive, c);
        }

        F driver(String d) {
            return new F(present, vendor, live, power, link, aer, Optional.ofNullable(d), portLink, portActive, rootAer);
        }

        ResetFacts facts() {
            OptionalInt v = vendor < 0 ? OptionalInt.empty() : OptionalInt.of(vendor);
            OptionalInt d = vendor < 0 ? OptionalInt.empty() : OptionalInt.of(vendor == 0xffff ? 0xffff : 0x10d3);
            return new ResetFacts(new FunctionHealth(NIC, present, v, d, live, power, link, aer, AerCounters.UNKNOWN,
                    driver), Optional.of(PORT), portLink, portActive, Optional.of(PORT), rootAer);
        }
    }

    private static LinkStatus link(String speed, int width) {
        return new LinkStatus(Optional.of(speed), OptionalInt.of(width), Optional.of("8.0 GT/s PCIe"), OptionalInt.of(4));
    }

    private static AerCounters counts(long cor, long nonFatal, long fatal) {
        return new AerCounters(OptionalLong.of(cor), OptionalLong.of(nonFatal), OptionalLong.of(fatal));
    }

    private static FunctionVerification judge(F before, F after) {
        return VerdictRules.judge(before.facts(), after.facts(), false, Optional.empty());
    }

    @Test
    void aFunctionWithEverythingAsBeforeCameBack() {
        FunctionVerification v = judge(F.good(), F.good());
        assertThat(v.verdict()).isEqualTo(VerificationVerdict.CAME_BACK);
        assertThat(v.changes()).isEmpty();
        assertThat(new Verification(List.of(v)).advice()).isEmpty();
    }

    @Test
    void allOnesIsLost() {
        FunctionVerification v = judge(F.good(), F.good().vendor(0xffff));
        assertThat(v.verdict()).isEqualTo(VerificationVerdict.LOST);
        assertThat(v.changes()).anyMatch(c -> c.contains("all ones"));
    }

    @Test
    void aFunctionGoneFromSysfsIsLost() {
        assertThat(judge(F.good(), F.good().gone()).verdict()).isEqualTo(VerificationVerdict.LOST);
    }

    @Test
    void enottyFromTheHotResetIsLostEvenWhenSysfsStillShowsTheOldLink() {
        FunctionVerification v = VerdictRules.judge(F.good().facts(), F.good().facts(), true, Optional.empty());
        assertThat(v.verdict()).isEqualTo(VerificationVerdict.LOST);
        assertThat(v.changes()).anyMatch(c -> c.contains("ENOTTY"));
    }

    @Test
    void aPortReportingItsDataLinkLayerDownIsLostWhateverSysfsSays() {
        FunctionVerification v = judge(F.good(), F.good().portActive(Optional.of(false)));
        assertThat(v.verdict()).isEqualTo(VerificationVerdict.LOST);
        assertThat(v.changes()).anyMatch(c -> c.contains("0000:00:1c.0 is down") && c.contains("Link Active is 0"));
    }

    @Test
    void aPortThatDoesNotReportTheBitDecidesNothing() {
        assertThat(judge(F.good(), F.good().portActive(Optional.empty())).verdict()).isEqualTo(VerificationVerdict.CAME_BACK);
    }

    @Test
    void anErrorPowerStateIsLostAndALowerOneThanBeforeIsDegraded() {
        assertThat(judge(F.good(), F.good().power("error")).verdict()).isEqualTo(VerificationVerdict.LOST);
        FunctionVerification hot = judge(F.good(), F.good().power("D3hot"));
        assertThat(hot.verdict()).isEqualTo(VerificationVerdict.CAME_BACK_DEGRADED);
        assertThat(hot.changes()).containsExactly("it is in D3hot, not D0 (D0 before)");
        assertThat(judge(F.good(), F.good().power("D3cold")).verdict()).as("it answers, so it is not stuck")
                .isEqualTo(VerificationVerdict.CAME_BACK_DEGRADED);
        assertThat(judge(F.good(), F.good().vendor(0xffff).power("D3cold")).verdict()).isEqualTo(VerificationVerdict.LOST);
    }

    @Test
    void aSiblingVfioPciKeptSuspendedBeforeAndAfterIsNoChange() {
        FunctionVerification v = judge(F.good().power("D3hot"), F.good().power("D3hot"));
        assertThat(v.verdict()).isEqualTo(VerificationVerdict.CAME_BACK);
        assertThat(v.notes()).singleElement().asString().contains("D3hot as before");
    }

    @Test
    void aPowerStateReadBeforeButNotAfterIsUnknownNeverCameBack() {
        FunctionVerification v = judge(F.good(), F.good().power(null));
        assertThat(v.verdict()).isEqualTo(VerificationVerdict.UNKNOWN);
        assertThat(v.changes()).containsExactly("its power state could not be read after the reset");
        FunctionVerification never = judge(F.good().power(null), F.good().power(null));
        assertThat(never.verdict()).as("a kernel without power_state: nothing to compare").isEqualTo(VerificationVerdict.CAME_BACK);
        assertThat(never.notes()).containsExactly("its power state could not be read after the reset");
    }

    @Test
    void otherIdsAreLost() {
        FunctionVerification v = judge(F.good(), F.good().vendor(0x10ec));
        assertThat(v.verdict()).isEqualTo(VerificationVerdict.LOST);
        assertThat(v.changes()).anyMatch(c -> c.contains("8086:10d3 before, 10ec:10d3 now"));
    }

    @Test
    void unreadableConfigAfterOrUnknownIdsBeforeAreUnknownNeverCameBack() {
        assertThat(judge(F.good(), F.good().unreadable()).verdict()).isEqualTo(VerificationVerdict.UNKNOWN);
        FunctionVerification v = judge(F.good().vendor(-1), F.good());
        assertThat(v.verdict()).isEqualTo(VerificationVerdict.UNKNOWN);
        assertThat(new Verification(List.of(v)).advice()).hasValueSatisfying(a -> assertThat(a)
                .startsWith("Whether 0000:01:00.0 came back cannot be seen").contains("lspci -vv -s 0000:01:00.0"));
    }

    @Test
    void aSlowerOrNarrowerLinkOfTheFunctionOrItsPortIsDegraded() {
        FunctionVerification slower = judge(F.good(), F.good().link(link("2.5 GT/s PCIe", 4)));
        assertThat(slower.verdict()).isEqualTo(VerificationVerdict.CAME_BACK_DEGRADED);
        assertThat(slower.changes()).containsExactly("its link trained slower: 8.0 GT/s PCIe x4 before, 2.5 GT/s PCIe x4 now");
        FunctionVerification narrower = judge(F.good(), F.good().portLink(link("8.0 GT/s PCIe", 1)));
        assertThat(narrower.verdict()).isEqualTo(VerificationVerdict.CAME_BACK_DEGRADED);
        assertThat(narrower.changes()).singleElement().asString().startsWith("the link of its port 0000:00:1c.0 trained narrower");
        assertThat(judge(F.good().link(link("2.5 GT/s PCIe", 1)), F.good()).verdict())
                .as("a link that trained faster is no harm").isEqualTo(VerificationVerdict.CAME_BACK);
    }

    @Test
    void aLinkReadBeforeButNotAfterIsUnknownNeverCameBack() {
        FunctionVerification v = judge(F.good(), F.good().link(LinkStatus.UNKNOWN));
        assertThat(v.verdict()).isEqualTo(VerificationVerdict.UNKNOWN);
        assertThat(v.changes()).containsExactly("its link could not be read after the reset");
        assertThat(judge(F.good(), F.good().portLink(LinkStatus.UNKNOWN)).verdict()).isEqualTo(VerificationVerdict.UNKNOWN);
    }

    @Test
    void newAerErrorsOnTheFunctionOrItsRootPortAreDegraded() {
        FunctionVerification own = judge(F.good(), F.good().aer(counts(0, 2, 0)));
        assertThat(own.verdict()).isEqualTo(VerificationVerdict.CAME_BACK_DEGRADED);
        assertThat(own.changes()).containsExactly("AER errors on it during the reset: correctable 0, non-fatal 2, fatal 0");
        FunctionVerification root = judge(F.good(), F.good().rootAer(counts(6, 0, 0)));
        assertThat(root.verdict()).isEqualTo(VerificationVerdict.CAME_BACK_DEGRADED);
        assertThat(root.changes()).singleElement().asString().contains("root port 0000:00:1c.0");
        FunctionVerification unseen = judge(F.good(), F.good().aer(AerCounters.UNKNOWN));
        assertThat(unseen.verdict()).isEqualTo(VerificationVerdict.CAME_BACK);
        assertThat(unseen.notes()).singleElement().asString().contains("could not be compared");
    }

    @Test
    void aDriverThatMovedOrIsNotBackAfterTheRestoreIsDegraded() {
        assertThat(judge(F.good(), F.good().driver(null)).verdict()).isEqualTo(VerificationVerdict.CAME_BACK_DEGRADED);
        FunctionVerification v = judge(F.good(), F.good());
        Verification run = new Verification(List.of(v)).withRestore(Map.of(NIC, Optional.of("e1000e")),
                Map.of(NIC, Optional.empty()));
        assertThat(run.verdict()).isEqualTo(VerificationVerdict.CAME_BACK_DEGRADED);
        assertThat(run.functions().get(0).changes()).containsExactly(
                "its driver e1000e is not bound again after the restore (now: none)");
        assertThat(new Verification(List.of(v)).withRestore(Map.of(NIC, Optional.of("e1000e")),
                Map.of(NIC, Optional.of("e1000e"))).verdict()).isEqualTo(VerificationVerdict.CAME_BACK);
    }

    @Test
    void theRunIsTheWorstOfItsFunctionsWithOneSentenceOfAdvice() {
        FunctionVerification ok = judge(F.good(), F.good());
        FunctionVerification degraded = judge(F.good(), F.good().aer(counts(1, 0, 0)));
        FunctionVerification lost = judge(F.good(), F.good().vendor(0xffff));
        assertThat(new Verification(List.of(ok, degraded)).verdict()).isEqualTo(VerificationVerdict.CAME_BACK_DEGRADED);
        Verification run = new Verification(List.of(ok, degraded, lost));
        assertThat(run.verdict()).isEqualTo(VerificationVerdict.LOST);
        assertThat(run.advice()).hasValueSatisfying(a -> assertThat(a).startsWith("0000:01:00.0 did not come back")
                .contains("rescan").endsWith("."));
        assertThat(new Verification(List.of()).verdict()).as("nothing checked is not fine").isEqualTo(VerificationVerdict.UNKNOWN);
    }

    @Test
    void verdictWordsAreTheContracts() {
        assertThat(List.of(VerificationVerdict.values())).extracting(VerificationVerdict::word)
                .containsExactly("came-back", "came-back-degraded", "unknown", "lost");
        assertThat(VerificationVerdict.ofWord("came-back-degraded")).isEqualTo(VerificationVerdict.CAME_BACK_DEGRADED);
    }
}
