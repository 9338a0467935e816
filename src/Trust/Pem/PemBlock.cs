namespace Trust;

/// <summary>One PEM block: its 1-based position in the text, its label and its decoded bytes.</summary>
public sealed record PemBlock(int Index, string Label, byte[] Der);
