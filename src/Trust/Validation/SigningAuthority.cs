using System.Security.Cryptography.X509Certificates;
using Trust.Certificates;
using Trust.Findings;
using Trust.Time;

namespace Trust.Validation;

/// <summary>
/// The one rule for "may this CA sign this child", shared by certificate creation, chain verification and the
/// identity checks. It is Go's <c>x509.Verify</c> rule with webpki's (rustls, Linkerd's proxies) stricter parts:
/// <list type="bullet">
/// <item>the CA must be valid at the time (NotBefore and NotAfter inclusive, RFC 5280);</item>
/// <item>basicConstraints must say CA:TRUE; a version 1 or 2 certificate (which cannot carry extensions) is accepted
/// as an anchor only, as Go accepts v1 roots and refuses v1 intermediates; a version 3 certificate without
/// basicConstraints is refused in either role;</item>
/// <item>when keyUsage is present it must include keyCertSign; a keyUsage with no bits at all counts as present
/// (RFC 5280 forbids it; webpki refuses it; Go ignores keyUsage on CAs entirely, so here we are stricter than Go);</item>
/// <item>pathLenConstraint, when present, must be at least the number of intermediate CAs below the CA;</item>
/// <item>no critical extension this library does not process;</item>
/// <item>its nameConstraints, critical or not, allow every name below it (<see cref="CheckNames"/>; this part needs the
/// certificates below, so it is a separate call).</item>
/// </list>
/// The signature itself is not part of the rule.
/// </summary>
public static class SigningAuthority
{
    /// <summary>
    /// Why <paramref name="ca"/> may not sign in <paramref name="role"/> with <paramref name="intermediatesBelow"/>
    /// intermediate CAs between it and the leaf, or null when it may. A CA signing a leaf directly has 0 below it; a
    /// CA signing an issuer that will sign leaves has 1.
    /// </summary>
    /// <param name="ca">The certificate that signs.</param>
    /// <param name="role">Whether it is trusted directly (an anchor) or stands between anchor and leaf.</param>
    /// <param name="intermediatesBelow">Intermediate CAs below it in the chain (not counting the leaf).</param>
    /// <param name="at">The time of signing or verification; null leaves validity to the caller.</param>
    /// <exception cref="ArgumentNullException"><paramref name="ca"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="intermediatesBelow"/> is negative.</exception>
    public static Finding? Check(CertificateInfo ca, CaRole role, int intermediatesBelow, DateTimeOffset? at)
    {
        ArgumentNullException.ThrowIfNull(ca);
        ArgumentOutOfRangeException.ThrowIfNegative(intermediatesBelow);
        var remedy = new Remedy(RemedyAction.UseSigningCa, "sign with a CA certificate that is valid, has CA:TRUE and keyCertSign, and a path length that allows the chain");
        if (at is { } when)
        {
            if (when < ca.NotBefore)
                return Problem(FindingIds.CaNotYetValid, $"'{ca.Subject}' is not valid before {Rfc3339.Format(ca.NotBefore)} (checked at {Rfc3339.Format(when)})", remedy);
            if (when > ca.NotAfter)
                return Problem(FindingIds.CaExpired, $"'{ca.Subject}' expired on {Rfc3339.Format(ca.NotAfter)} (checked at {Rfc3339.Format(when)})",
                    new Remedy(role == CaRole.Anchor ? RemedyAction.RotateAnchor : RemedyAction.CreateIssuer, "renew or replace the expired CA before issuing from it"));
        }
        if (ca.HasBasicConstraints ? !ca.IsCertificateAuthority : ca.Version == 3 || role == CaRole.Intermediate)
            return Problem(FindingIds.CaNotCa, $"'{ca.Subject}' is not a CA (basicConstraints CA:TRUE missing) and cannot sign certificates", remedy);
        if (ca.KeyUsage is { } usage && !usage.HasFlag(X509KeyUsageFlags.KeyCertSign))
            return Problem(FindingIds.CaKeyUsage, usage == X509KeyUsageFlags.None
                ? $"'{ca.Subject}' has a keyUsage extension with no bits set (so no keyCertSign) and cannot sign certificates"
                : $"'{ca.Subject}' lacks keyUsage keyCertSign and cannot sign certificates", remedy);
        if (ca.PathLength is { } max && intermediatesBelow > max)
            return Problem(FindingIds.CaPathLength, max == 0 && intermediatesBelow == 1
                ? $"'{ca.Subject}' has pathlen 0: it may sign leaves only, not another CA"
                : $"'{ca.Subject}' has pathlen {max} but {intermediatesBelow} intermediate CA(s) would stand below it",
                new Remedy(RemedyAction.FixPathLength, "use a CA whose path length allows the intermediates below it"));
        if (ca.UnhandledCriticalExtensions.Count > 0)
            return Problem(FindingIds.CaCriticalExtension, $"'{ca.Subject}' has an unhandled critical extension {ca.UnhandledCriticalExtensions[0]}", remedy);
        return null;
    }

    /// <summary>
    /// Why <paramref name="ca"/>'s nameConstraints forbid a name of a certificate in <paramref name="below"/> (the
    /// leaf and the intermediates between it and the CA), or null. Go's rule, critical or not: every DNS, email, URI
    /// and IP subjectAltName must fall in no excluded subtree and, for each name form the CA permits, in a permitted
    /// one. The subject common name is not a name here, as in Go.
    /// </summary>
    /// <param name="ca">The CA whose constraints apply.</param>
    /// <param name="below">The certificates below it in the chain, leaf first.</param>
    /// <exception cref="ArgumentNullException"><paramref name="ca"/> or <paramref name="below"/> is null.</exception>
    public static Finding? CheckNames(CertificateInfo ca, IReadOnlyList<CertificateInfo> below)
    {
        ArgumentNullException.ThrowIfNull(ca);
        ArgumentNullException.ThrowIfNull(below);
        return NameConstraintCheck.Check(ca, below) is { } problem
            ? Problem(FindingIds.CaNameConstraints, problem,
                new Remedy(RemedyAction.UseSigningCa, "use names the CA's nameConstraints permit, or a CA whose constraints allow them"))
            : null;
    }

    private static Finding Problem(string id, string message, Remedy remedy) => new(id, message, remedy);
}
