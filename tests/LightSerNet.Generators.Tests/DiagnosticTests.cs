using Microsoft.CodeAnalysis;

namespace LightSerNet.Generators.Tests;

/// <summary>Each kind of broken spec fails with its own LSG id, at the line of the spec that is wrong.</summary>
public sealed class DiagnosticTests
{
    private const string Input = """
        "input": { "kind": "Mfcc", "duration": 3, "frames": 184, "coefficients": 40 },
        """;

    private const string Head = """
        "head": [ { "type": "dropout", "rate": 0.3 }, { "type": "dense", "units": "classes" } ],
        """;

    private const string Labels = """
        "labels": { "EmoDb": [ { "name": "anger", "code": "W" }, { "name": "sadness", "code": "T" } ] }
        """;

    private static string Spec(string body, string input = Input, string head = Head, string labels = Labels) =>
        "{\n\"name\": \"test\",\n" + input + "\n\"body\": [\n" + body + "\n],\n" + head + "\n" + labels + "\n}\n";

    private const string GoodBody = """
        { "type": "lflb", "name": "b1", "filters": 8, "kernel": [3, 3], "pool": [2, 2] },
        { "type": "globalavgpool" }
        """;

    [Fact]
    public void AValidSpecHasNoDiagnostics() => Assert.Empty(GeneratorHarness.Diagnostics(Spec(GoodBody)));

    [Fact]
    public void UnknownLayerIsLsg001AtItsLine()
    {
        var body = """
            { "type": "lflb", "name": "b1", "filters": 8, "kernel": [3, 3] },
            { "type": "maxpool", "size": [2, 2] },
            { "type": "globalavgpool" }
            """;
        AssertSingle(Spec(body), "LSG001", line: 6, "maxpool");
    }

    [Fact]
    public void DeclaredInputChannelsThatDoNotMatchAreLsg002()
    {
        var body = """
            { "type": "sequence", "name": "s", "layers": [
              { "type": "conv", "filters": 8, "kernel": [3, 3], "inChannels": 1 },
              { "type": "conv", "filters": 8, "kernel": [3, 3], "inChannels": 4 } ] },
            { "type": "globalavgpool" }
            """;
        AssertSingle(Spec(body), "LSG002", line: 7, "4 input channels");
    }

    [Fact]
    public void ParallelBranchesEndingAtDifferentSizesAreLsg002()
    {
        var body = """
            { "type": "parallel", "name": "p", "branches": [
              { "name": "a", "layers": [ { "type": "avgpool", "size": [2, 2] } ] },
              { "name": "b", "layers": [ { "type": "avgpool", "size": [2, 1] } ] } ] },
            { "type": "globalavgpool" }
            """;
        AssertSingle(Spec(body), "LSG002", line: 7, "same size");
    }

    [Fact]
    public void ABadKernelIsLsg003()
    {
        var body = """
            { "type": "lflb", "name": "b1", "filters": 8, "kernel": [3, 0] },
            { "type": "globalavgpool" }
            """;
        AssertSingle(Spec(body), "LSG003", line: 5, "[3, 0]");
    }

    [Fact]
    public void DuplicateLabelIsLsg004AtTheSecondOccurrence()
    {
        var labels = """
            "labels": { "EmoDb": [
              { "name": "anger", "code": "W" },
              { "name": "anger", "code": "X" } ] }
            """;
        AssertSingle(Spec(GoodBody, labels: labels), "LSG004", line: 11, "'anger'");
    }

    [Fact]
    public void EmptyLabelSetIsLsg005()
    {
        AssertSingle(Spec(GoodBody, labels: "\"labels\": { \"EmoDb\": [] }"), "LSG005", line: 9, "EmoDb");
    }

    [Fact]
    public void FramesThatDoNotFollowFromTheDurationAreLsg006()
    {
        var input = """
            "input": { "kind": "Mfcc", "duration": 3,
              "frames": 185, "coefficients": 40 },
            """;
        AssertSingle(Spec(GoodBody, input: input), "LSG006", line: 4, "gives 184");
    }

    [Fact]
    public void BrokenJsonIsLsg007AtTheLine()
    {
        AssertSingle("{\n  \"name\": \"x\",\n  \"body\": [ }\n", "LSG007", line: 3, "unexpected");
    }

    [Fact]
    public void AMissingNameIsLsg008()
    {
        var body = """
            { "type": "lflb", "filters": 8, "kernel": [3, 3] },
            { "type": "globalavgpool" }
            """;
        AssertSingle(Spec(body), "LSG008", line: 5, "\"name\"");
    }

    private static void AssertSingle(string spec, string id, int line, string messagePart)
    {
        var diagnostics = GeneratorHarness.Diagnostics(spec);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(line, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.Contains(messagePart, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
