namespace LightSerNet.Architectures;

/// <summary>The architectures compiled into this assembly (the generated half lists them).</summary>
public static partial class ArchitectureCatalog
{
    /// <summary>The default architecture: the paper's network.</summary>
    public const string DefaultName = "light-sernet";

    /// <summary>The architecture named <paramref name="name"/> (case-insensitive); throws with the known names otherwise.</summary>
    public static ArchitectureDefinition Get(string name) =>
        All.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException(
            $"There is no architecture named '{name}'. Known architectures: {string.Join(", ", All.Select(a => a.Name))}.", nameof(name));
}
