package org.vfioinspector.app.priv;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.vfioinspector.app.report.Json;
import org.vfioinspector.core.model.PciAddress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads what the CLI printed for a privileged command into a {@link RunResult}. Pure and fail-soft:
 * output that is not the expected JSON becomes {@link RunResult.Status#NO_REPORT} with the CLI's error
 * text, never an exception. Addresses are accepted only through {@link PciAddress#parse}.
 */
public final class CliOutput {

    private CliOutput() {
    }

    public static RunResult parse(CliInvocation inv, int exitCode, String stdout, String stderr, String command) {
        String err = stderr == null ? "" : stderr.strip();
        JsonNode root;
        try {
            root = stdout == null || stdout.isBlank() ? null : Json.mapper().readTree(stdout);
        } catch (JsonProcessingException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            String why = err.isEmpty() ? "The command printed no report (exit code " + exitCode + ")." : err;
            return new RunResult(inv, RunResult.Status.NO_REPORT, exitCode, Optional.empty(), Optional.empty(), why,
                    command);
        }
        try {
            if (inv.verb() == CliInvocation.Verb.RESET) {
                return new RunResult(inv, RunResult.Status.COMPLETED, exitCode, Optional.of(reset(root)),
                        Optional.empty(), err, command);
            }
            return new RunResult(inv, RunResult.Status.COMPLETED, exitCode, Optional.empty(), Optional.of(bind(root)),
                    err, command);
        } catch (IllegalArgumentException e) {
            return new RunResult(inv, RunResult.Status.NO_REPORT, exitCode, Optional.empty(), Optional.empty(),
                    "The command's report could not be read (" + e.getMessage() + ")." + (err.isEmpty() ? "" : " " + err),
                    command);
        }
    }

    static ResetResult reset(JsonNode m) {
        ResetResult.Outcome outcome = ResetResult.Outcome.of(text(m, "outcome"))
                .orElseThrow(() -> new IllegalArgumentException("unknown outcome " + text(m, "outcome")));
        List<String> kernelList = new ArrayList<>();
        for (JsonNode k : array(m, "kernelList")) {
            kernelList.add(PciAddress.parse(text(k, "address")) + (k.path("group").isInt() ? " group "
                    + k.get("group").asInt() : " (device id)"));
        }
        List<ResetResult.Refusal> refusals = new ArrayList<>();
        for (JsonNode f : array(m, "refusals")) {
            refusals.add(new ResetResult.Refusal(text(f, "code"), optText(f, "device").map(PciAddress::parse),
                    text(f, "message")));
        }
        List<ResetResult.Step> steps = new ArrayList<>();
        for (JsonNode s : array(m, "steps")) {
            steps.add(new ResetResult.Step(text(s, "step"), text(s, "label"), text(s, "target"), text(s, "outcome"),
                    text(s, "detail")));
        }
        List<ResetResult.Check> checks = new ArrayList<>();
        for (JsonNode v : array(m, "verification")) {
            checks.add(new ResetResult.Check(PciAddress.parse(text(v, "address")), optText(v, "before"),
                    optText(v, "after"), v.path("answers").asBoolean(false), v.path("unchanged").asBoolean(false)));
        }
        Optional<ResetResult.KernelError> error = Optional.empty();
        JsonNode e = m.path("error");
        if (e.isObject()) {
            error = Optional.of(new ResetResult.KernelError(text(e, "step"), text(e, "operation"), text(e, "target"),
                    e.path("errno").isInt() ? OptionalInt.of(e.get("errno").asInt()) : OptionalInt.empty(),
                    text(e, "errnoName"), text(e, "sentence")));
        }
        JsonNode prediction = m.path("prediction");
        return new ResetResult(outcome, text(m, "summary"), m.path("dryRun").asBoolean(false),
                addresses(array(m, "confirmed")),
                prediction.isObject() ? addresses(array(prediction, "affected")) : List.of(),
                addresses(array(m, "kernelSet")), kernelList, strings(array(m, "differences")), refusals, error, steps,
                checks, optBind(m, "bind"), optBind(m, "restore"));
    }

    static BindResult bind(JsonNode m) {
        List<BindResult.Function> fns = new ArrayList<>();
        for (JsonNode f : array(m, "functions")) {
            fns.add(new BindResult.Function(PciAddress.parse(text(f, "address")), optText(f, "driverBefore"),
                    optText(f, "driverAfter"), text(f, "action"), text(f, "message")));
        }
        String outcome = text(m, "outcome");
        if (outcome.isEmpty()) {
            throw new IllegalArgumentException("no outcome");
        }
        return new BindResult(outcome, text(m, "summary"), fns, strings(array(m, "notes")));
    }

    private static Optional<BindResult> optBind(JsonNode m, String key) {
        JsonNode b = m.path(key);
        return b.isObject() ? Optional.of(bind(b)) : Optional.empty();
    }

    private static String text(JsonNode m, String key) {
        JsonNode v = m.path(key);
        return v.isTextual() ? v.asText() : "";
    }

    private static Optional<String> optText(JsonNode m, String key) {
        JsonNode v = m.path(key);
        return v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
    }

    private static List<JsonNode> array(JsonNode m, String key) {
        List<JsonNode> out = new ArrayList<>();
        m.path(key).forEach(out::add);
        return out;
    }

    private static List<PciAddress> addresses(List<JsonNode> nodes) {
        return nodes.stream().map(n -> PciAddress.parse(n.asText())).toList();
    }

    private static List<String> strings(List<JsonNode> nodes) {
        return nodes.stream().map(JsonNode::asText).toList();
    }
}
