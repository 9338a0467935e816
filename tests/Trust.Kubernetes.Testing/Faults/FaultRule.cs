namespace Trust.Kubernetes.Testing;

/// <summary>A fault that fires on the requests it matches until it has fired <see cref="Times"/> times.</summary>
public sealed class FaultRule
{
    private int _fired;

    internal FaultRule(Fault fault, string? method, Func<string, bool>? path, int times)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(times);
        Fault = fault;
        Method = method;
        Path = path;
        Times = times;
    }

    /// <summary>What happens to a matching request.</summary>
    public Fault Fault { get; }

    /// <summary>The HTTP method it matches (any when null), compared without regard to case.</summary>
    public string? Method { get; }

    /// <summary>A predicate on the request path (without the query); any path when null.</summary>
    public Func<string, bool>? Path { get; }

    /// <summary>How many requests it fires on.</summary>
    public int Times { get; }

    /// <summary>How many requests it has fired on so far.</summary>
    public int Fired => Volatile.Read(ref _fired);

    internal bool Matches(string method, string path) =>
        (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase)) && (Path is null || Path(path));

    /// <summary>Counts one firing; called under the injector's lock. Returns whether the rule is used up.</summary>
    internal bool Fire() => ++_fired >= Times;
}
