namespace Trust.Cli;

/// <summary>What a command may touch besides files: its output streams and the clock.</summary>
internal sealed record CliContext(TextWriter Out, TextWriter Error, TimeProvider Time)
{
    public DateTimeOffset Now => Time.GetUtcNow();
}
