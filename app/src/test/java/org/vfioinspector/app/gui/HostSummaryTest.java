package org.vfioinspector.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vfioinspector.app.session.Session;

class HostSummaryTest {

    @Test
    void notRootIsSaidOnlyWhenItIsTheReason() {
        assertThat(HostSummary.incompleteHolders(Session.Source.LIVE, false))
                .isEqualTo("not root: holders may be incomplete");
        // root refused some processes' files (a sandbox), and a capture read by anyone: not "not root"
        assertThat(HostSummary.incompleteHolders(Session.Source.LIVE, true)).doesNotContain("not root")
                .startsWith("holders may be incomplete");
        assertThat(HostSummary.incompleteHolders(Session.Source.PATH, false)).doesNotContain("not root")
                .startsWith("holders may be incomplete");
        assertThat(HostSummary.incompleteHolders(Session.Source.REMOTE, true)).doesNotContain("not root");
    }
}
