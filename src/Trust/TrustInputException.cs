namespace Trust;

/// <summary>
/// Bad user input: an unreadable file, a malformed PEM block, a key that does not fit.
/// The message is one line that says what is wrong and where, suitable to print as is.
/// </summary>
public sealed class TrustInputException : Exception
{
    /// <summary>Creates an input error with a one-line message.</summary>
    public TrustInputException(string message) : base(message) { }

    /// <summary>Creates an input error with a one-line message and the underlying cause.</summary>
    public TrustInputException(string message, Exception inner) : base(message, inner) { }

    /// <summary>An input error whose message is <c>source: problem</c> (the source is usually a file name).</summary>
    public static TrustInputException At(string source, string problem) => new($"{source}: {problem}");
}
