namespace Trust.Kubernetes.Testing;

/// <summary>
/// The faults waiting for requests. Rules are tried in the order they were added; the first that matches a request
/// fires on it. Safe to use from tests while requests are being served.
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly List<FaultRule> _rules = [];

    /// <summary>Adds a rule: <paramref name="fault"/> for the next <paramref name="times"/> requests with this method (any when null) whose path passes <paramref name="path"/> (any when null).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="fault"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="times"/> is not positive.</exception>
    public FaultRule Add(Fault fault, string? method = null, Func<string, bool>? path = null, int times = 1)
    {
        var rule = new FaultRule(fault, method, path, times);
        lock (_gate) _rules.Add(rule);
        return rule;
    }

    /// <summary>Removes every rule that has not fired out.</summary>
    public void Clear()
    {
        lock (_gate) _rules.Clear();
    }

    /// <summary>The rules still waiting, in order.</summary>
    public IReadOnlyList<FaultRule> Pending
    {
        get { lock (_gate) return [.. _rules]; }
    }

    internal Fault? Take(string method, string path)
    {
        lock (_gate)
        {
            var rule = _rules.FirstOrDefault(r => r.Matches(method, path));
            if (rule is null) return null;
            if (rule.Fire()) _rules.Remove(rule);
            return rule.Fault;
        }
    }
}
