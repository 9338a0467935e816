namespace Trust.Findings;

/// <summary>
/// The result of reading input that may be bad (a cluster object, a file): the value when it could be read, and the
/// findings either way. Reading never throws for bad input in this form.
/// </summary>
/// <typeparam name="T">What was read.</typeparam>
public sealed class ReadResult<T>
    where T : class
{
    internal ReadResult(T? value, IReadOnlyList<Finding> findings)
    {
        Value = value;
        Findings = findings;
    }

    /// <summary>What was read, or null when it could not be.</summary>
    public T? Value { get; }

    /// <summary>Every problem found (empty when the input was clean).</summary>
    public IReadOnlyList<Finding> Findings { get; }

    /// <summary>True when a value was read and nothing was found wrong.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Value))]
    public bool IsClean => Value is not null && Findings.Count == 0;

    /// <summary>The value, or an exception carrying the first finding.</summary>
    /// <exception cref="TrustInputException">No value could be read, or a finding stands against it.</exception>
    public T GetValueOrThrow() => Findings.Count > 0
        ? throw new TrustInputException(Findings[0])
        : Value ?? throw new InvalidOperationException("a read result with neither a value nor a finding");
}

/// <summary>Creates <see cref="ReadResult{T}"/> values.</summary>
public static class ReadResult
{
    /// <summary>A clean result.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static ReadResult<T> Ok<T>(T value) where T : class =>
        new(value ?? throw new ArgumentNullException(nameof(value)), []);

    /// <summary>A result with findings and possibly a value (a value with findings: readable, but wrong in some way).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="findings"/> is null.</exception>
    /// <exception cref="ArgumentException">Neither a value nor a finding is given.</exception>
    public static ReadResult<T> Of<T>(T? value, IReadOnlyList<Finding> findings) where T : class
    {
        ArgumentNullException.ThrowIfNull(findings);
        if (value is null && findings.Count == 0) throw new ArgumentException("a failed read needs a finding", nameof(findings));
        return new(value, findings);
    }

    /// <summary>A failed result.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="finding"/> is null.</exception>
    public static ReadResult<T> Fail<T>(Finding finding) where T : class =>
        new(null, [finding ?? throw new ArgumentNullException(nameof(finding))]);

    /// <summary>Runs a throwing reader and turns its input error into a finding.</summary>
    internal static ReadResult<T> Catch<T>(Func<T> read, string? source = null) where T : class
    {
        try
        {
            return Ok(read());
        }
        catch (TrustInputException e)
        {
            return Fail<T>(e.Finding.Source is null && source is not null ? e.Finding with { Source = source } : e.Finding);
        }
    }
}
