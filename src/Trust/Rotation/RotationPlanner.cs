using Trust.Certificates;
using Trust.Keys;

namespace Trust.Rotation;

/// <summary>
/// Decides what one run of a rotation job should write: (observed state, policy, now) -> <see cref="RotationPlan"/>.
/// Reads no clock and does no I/O; it creates keys and certificates for the steps that need them (with the key
/// generator and factory given, as of the <c>now</c> given). Every decision of an anchor rotation is made here:
/// the phase (derived from the objects), issuer renewal, the publication, switch and drop gates, the write order, and
/// what to report. docs/rotation.md describes the phases and gates.
/// </summary>
public sealed class RotationPlanner
{
    private readonly Func<KeyAlgorithm, SigningKey> _generateKey;
    private readonly CertificateFactory _factory;
    private readonly IssuerPaths _paths = new();

    /// <summary>Creates a planner.</summary>
    /// <param name="generateKey">Makes new keys (default <see cref="SigningKey.Generate"/>); tests inject their own.</param>
    /// <param name="factory">Signs new certificates (default: a factory with system randomness for serial numbers).</param>
    public RotationPlanner(Func<KeyAlgorithm, SigningKey>? generateKey = null, CertificateFactory? factory = null)
    {
        _generateKey = generateKey ?? SigningKey.Generate;
        _factory = factory ?? new CertificateFactory();
    }

    /// <summary>
    /// Plans one run. A good state gives a plan without writes; a state that is corrupt, foreign-owned or cannot be
    /// repaired safely gives a plan of <see cref="StopStep"/>s only. Carry out the writes in order, stop at the first
    /// that fails, then observe and plan again (a run that dies between steps resumes from what the objects say).
    /// </summary>
    /// <param name="state">What the objects say now.</param>
    /// <param name="policy">Lifetimes, renewal and gates.</param>
    /// <param name="now">The moment the state was read (UTC); new certificates start from it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> or <paramref name="policy"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="state"/> names no cluster, or two clusters with the same name.</exception>
    /// <exception cref="TrustInputException">The policy is invalid (see <see cref="RotationPolicy.Validate"/>).</exception>
    public RotationPlan Plan(RotationState state, RotationPolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(policy);
        if (state.Clusters is not { Count: > 0 }) throw new ArgumentException("the state names no cluster", nameof(state));
        if (state.Clusters.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count() != state.Clusters.Count)
            throw new ArgumentException("two clusters have the same name", nameof(state));
        policy.Validate();
        return new RotationRun(state, policy, now.ToUniversalTime(), _generateKey, _factory, _paths).Plan();
    }
}
