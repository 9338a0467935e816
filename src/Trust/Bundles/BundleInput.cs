namespace Trust.Bundles;

/// <summary>One PEM source for a bundle: its name (for error messages) and its text.</summary>
public sealed record BundleInput(string Source, string Text);
