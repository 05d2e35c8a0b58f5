namespace LightSerNet.Evaluation;

/// <summary>One training run's split of the dataset, as ascending indices into the item lists given to the planner.</summary>
/// <param name="Index">0-based position of the fold in the plan.</param>
/// <param name="Name">What the fold holds out, for logs and reports: "speaker 03", "reference 03", "kfold 1/10", "all".</param>
/// <param name="Train">Items to train on.</param>
/// <param name="Test">Items to score; empty for <see cref="FoldProtocol.None"/>.</param>
/// <param name="Validation">Items held out of training to select an epoch honestly; empty unless inner validation was asked for.</param>
public sealed record Fold(int Index, string Name, int[] Train, int[] Test, int[] Validation);
