using System.Text.Json.Nodes;
using LightSerNet.Evaluation;
using LightSerNet.Training.Loop;

namespace LightSerNet.Training.Tests;

/// <summary>Each selection keeps the epoch its rule names, and a run with a held-out speaker says so in its outputs.</summary>
public sealed class SelectionTests
{
    [Fact]
    public void EachSelectionKeepsTheEpochItsRuleNames()
    {
        var options = ResumeTests.ToyOptions with { Epochs = 4, Selections = [SelectionKind.Last, SelectionKind.InnerValidation, SelectionKind.BestOnTest] };
        string folder = ResumeTests.TempFolder();
        try
        {
            var run = Trainer.Run(ResumeTests.ToySet(), options, "Toy", folder, resume: false, force: false, null, CancellationToken.None);

            Assert.Equal(3, run.FoldsCompleted);
            foreach (var fold in run.History.GroupBy(h => h.Fold))
            {
                var epochs = fold.OrderBy(h => h.Epoch).ToList();
                // The first epoch with the best score: a later tie does not replace it.
                int FirstBest(Func<EpochPoint, double?> score) => epochs.First(h => score(h) == epochs.Max(score)).Epoch;
                var chosen = run.Outcomes.Where(o => o.Fold == fold.Key).ToDictionary(o => o.Selection, o => o.Epoch);
                Assert.Equal(options.Epochs - 1, chosen[SelectionKind.Last]);
                Assert.Equal(FirstBest(h => h.ValidationAccuracy), chosen[SelectionKind.InnerValidation]);
                Assert.Equal(FirstBest(h => h.TestAccuracy), chosen[SelectionKind.BestOnTest]);
                Assert.All(epochs, h => Assert.NotNull(h.ValidationAccuracy));
            }

            var entries = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "run.json")))!["runs"]!.AsArray();
            Assert.All(entries, e => Assert.Contains("every selection of this run trains without it", (string)e!["validation"]!));
            Assert.Contains("Validation: one training speaker", File.ReadAllText(Path.Combine(folder, "report.txt")));
        }
        finally
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
    }
}
