namespace Trust.Renewal;

/// <summary>
/// Whether a certificate needs renewal at a given moment, with the times the answer rests on. Made by
/// <see cref="RenewalPolicy.Decide(Trust.Certificates.CertificateInfo, DateTimeOffset)"/>; the moment is the caller's,
/// never read from a clock.
/// </summary>
public sealed record RenewalDecision
{
    internal RenewalDecision(DateTimeOffset notBefore, DateTimeOffset notAfter, DateTimeOffset renewalTime, DateTimeOffset now)
    {
        NotBefore = notBefore;
        NotAfter = notAfter;
        RenewalTime = renewalTime;
        Now = now;
    }

    /// <summary>The certificate's start of validity (inclusive).</summary>
    public DateTimeOffset NotBefore { get; }

    /// <summary>The certificate's end of validity (inclusive, RFC 5280).</summary>
    public DateTimeOffset NotAfter { get; }

    /// <summary>The moment from which the certificate needs renewal, as the policy computes it.</summary>
    public DateTimeOffset RenewalTime { get; }

    /// <summary>The moment the decision was made for.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>
    /// True from <see cref="RenewalTime"/> on, the renewal time itself included: cert-manager renews unless the
    /// renewal time is still in the future (<c>renewIn &gt; 0</c> in its trigger policy), step when the remaining
    /// validity is at most its window.
    /// </summary>
    public bool NeedsRenewal => Now >= RenewalTime;

    /// <summary>True once <see cref="Now"/> is past <see cref="NotAfter"/> (NotAfter itself is still valid).</summary>
    public bool IsExpired => Now > NotAfter;

    /// <summary>Validity left, <see cref="NotAfter"/> minus <see cref="Now"/>; negative once expired.</summary>
    public TimeSpan Remaining => NotAfter - Now;

    /// <summary>
    /// How long until renewal is needed: zero when it already is. A rotation job can wait this long before deciding
    /// again.
    /// </summary>
    public TimeSpan UntilRenewal => NeedsRenewal ? TimeSpan.Zero : RenewalTime - Now;
}
