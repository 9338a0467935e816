using Trust.Certificates;

namespace Trust.Validation;

/// <summary>
/// Name constraints enforced as Go's crypto/x509 enforces them (verify.go <c>isValid</c>, <c>checkNameConstraints</c>
/// and the <c>match…Constraint</c> functions), whether the extension is critical or not: when a CA with constraints
/// is added to a chain, every DNS, email, URI and IP subjectAltName of every certificate below it (the leaf and any
/// intermediates) must match no excluded subtree and, when the CA permits names of that form, at least one permitted
/// subtree. The common name is never a name here (Go ignores it). DNS constraints accept the leading-dot form of
/// URI and email constraints (at least one more label). As in current Go, an excluded DNS constraint also excludes a
/// wildcard that could stand for it (<c>*.example.com</c> under excluded <c>bad.example.com</c>).
/// </summary>
internal static class NameConstraintCheck
{
    /// <summary>Go's default <c>MaxConstraintComparisions</c>: the work allowed per CA, against pathological certificates.</summary>
    public const int MaxComparisons = 250_000;

    /// <summary>Why <paramref name="ca"/> may not vouch for the names of <paramref name="below"/>, or null.</summary>
    public static string? Check(CertificateInfo ca, IReadOnlyList<CertificateInfo> below)
    {
        if (ca.NameConstraints is not { } constraints) return null;
        var count = 0;
        foreach (var certificate in below)
        {
            if (!certificate.HasSubjectAltName) continue;
            foreach (var name in certificate.AltNames)
                if (CheckName(ca, constraints, name, ref count) is { } problem) return problem;
        }
        return null;
    }

    /// <summary>Why <paramref name="ca"/> may not vouch for the DNS name <paramref name="dns"/>, or null.</summary>
    public static string? CheckDnsName(CertificateInfo ca, string dns)
    {
        if (ca.NameConstraints is not { } constraints) return null;
        var count = 0;
        return CheckName(ca, constraints, new AltName(AltNameKind.Dns, dns, null), ref count);
    }

    private static string? CheckName(CertificateInfo ca, NameConstraints c, AltName name, ref int count)
    {
        switch (name.Kind)
        {
            case AltNameKind.Email:
                if (!Mailbox.TryParse(name.Text, out var mailbox)) return Refused(ca, $"cannot parse the email address '{name.Text}'");
                return Apply(ca, "email address", name.Text, c.Permitted.Emails, c.Excluded.Emails, ref count,
                    (constraint, excluded) => MatchEmail(mailbox, constraint, excluded));
            case AltNameKind.Dns:
                if (DomainLabels.Reverse(name.Text) is null) return Refused(ca, $"cannot parse the DNS name '{name.Text}'");
                return Apply(ca, "DNS name", name.Text, c.Permitted.Dns, c.Excluded.Dns, ref count,
                    (constraint, excluded) => MatchDomain(name.Text, constraint, excluded));
            case AltNameKind.Uri:
                if (!UriHost.TryParse(name.Text, out var host)) return Refused(ca, $"cannot parse the URI '{name.Text}'");
                return Apply(ca, "URI", name.Text, c.Permitted.UriDomains, c.Excluded.UriDomains, ref count,
                    (constraint, excluded) => MatchUri(name.Text, host, constraint, excluded));
            case AltNameKind.Ip:
                return Apply(ca, "IP address", name.Text, c.Permitted.IpRanges, c.Excluded.IpRanges, ref count,
                    (range, _) => MatchIp(name.Address!, range));
            default:
                return null;
        }
    }

    /// <summary>Go's <c>checkNameConstraints</c>: excluded first, then permitted (empty permitted allows every name).</summary>
    private static string? Apply<T>(CertificateInfo ca, string kind, string name, List<T> permitted, List<T> excluded,
        ref int count, Func<T, bool, Result> match) where T : notnull
    {
        count += excluded.Count;
        if (count > MaxComparisons) return Refused(ca, "too many name constraint comparisons");
        foreach (var constraint in excluded)
        {
            var result = match(constraint, true);
            if (result.Error is not null) return Refused(ca, result.Error);
            if (result.Matches) return Refused(ca, $"{kind} '{name}' is excluded by constraint '{constraint}'");
        }
        count += permitted.Count;
        if (count > MaxComparisons) return Refused(ca, "too many name constraint comparisons");
        if (permitted.Count == 0) return null;
        foreach (var constraint in permitted)
        {
            var result = match(constraint, false);
            if (result.Error is not null) return Refused(ca, result.Error);
            if (result.Matches) return null;
        }
        return Refused(ca, $"{kind} '{name}' is not permitted by any constraint (permitted: {string.Join(", ", permitted.Select(p => $"'{p}'"))})");
    }

    private static string Refused(CertificateInfo ca, string why) => $"'{ca.Subject}' is not authorized to sign for this name: {why}";

    private readonly record struct Result(bool Matches, string? Error)
    {
        public static readonly Result Yes = new(true, null);
        public static readonly Result No = new(false, null);
        public static Result Fail(string error) => new(false, error);
    }

    /// <summary>Go's <c>matchDomainConstraint</c>, with current Go's care for wildcards under excluded constraints.</summary>
    private static Result MatchDomain(string domain, string constraint, bool excluded)
    {
        // An empty constraint matches everything (Go follows NSS here; RFC 5280 does not say).
        if (constraint.Length == 0) return Result.Yes;
        if (DomainLabels.Reverse(domain) is not { } domainLabels) return Result.Fail($"cannot parse domain '{domain}'");
        var mustHaveSubdomains = constraint[0] == '.';
        var trimmed = mustHaveSubdomains ? constraint[1..] : constraint;
        if (DomainLabels.Reverse(trimmed) is not { } constraintLabels) return Result.Fail($"cannot parse domain '{constraint}'");
        if (domainLabels.Length < constraintLabels.Length || (mustHaveSubdomains && domainLabels.Length == constraintLabels.Length))
            return Result.No;
        var compare = constraintLabels.Length;
        if (excluded && domain.StartsWith('*') && domainLabels.Length > 1 && constraintLabels.Length > 0)
            compare--; // "*.example.com" could be "bad.example.com": compare all but the leftmost label of each
        for (var i = 0; i < compare; i++)
            if (!string.Equals(constraintLabels[i], domainLabels[i], StringComparison.OrdinalIgnoreCase)) return Result.No;
        return Result.Yes;
    }

    /// <summary>Go's <c>matchEmailConstraint</c>: a mailbox constraint matches exactly (domain case-insensitive); otherwise the domain part is matched as a domain.</summary>
    private static Result MatchEmail(Mailbox mailbox, string constraint, bool excluded)
    {
        if (constraint.Contains('@', StringComparison.Ordinal))
        {
            if (!Mailbox.TryParse(constraint, out var wanted)) return Result.Fail($"cannot parse constraint '{constraint}'");
            return mailbox.Local == wanted.Local && string.Equals(mailbox.Domain, wanted.Domain, StringComparison.OrdinalIgnoreCase)
                ? Result.Yes : Result.No;
        }
        return MatchDomain(mailbox.Domain, constraint, excluded);
    }

    /// <summary>
    /// Go's <c>matchURIConstraint</c>: the host (without port) is matched as a domain. RFC 5280 says a URI without a
    /// host name, or with an IP address for a host, must be refused when URI constraints apply.
    /// </summary>
    private static Result MatchUri(string uri, string host, string constraint, bool excluded)
    {
        if (host.Length == 0) return Result.Fail($"URI with empty host ('{uri}') cannot be matched against constraints");
        if (host.Contains(':', StringComparison.Ordinal) && !host.EndsWith(']'))
        {
            // Go's net.SplitHostPort: a bracketed host ("[2001:db8::1]:443", "[example.com]:443") loses its brackets.
            if (host.StartsWith('['))
            {
                var close = host.IndexOf(']', StringComparison.Ordinal);
                // (UriHost allows only ":port" after the last ']', so no ']' can follow the port here.)
                if (close + 1 != host.LastIndexOf(':') || host[1..close].Contains('[', StringComparison.Ordinal))
                    return Result.Fail($"cannot split the host and port of '{uri}'");
                host = host[1..close];
            }
            else
            {
                host = host[..host.LastIndexOf(':')];
                if (host.Contains(':', StringComparison.Ordinal)) return Result.Fail($"too many colons in the host of '{uri}'");
            }
        }
        if ((host.StartsWith('[') && host.EndsWith(']')) || DomainLabels.IsIpAddress(host))
            return Result.Fail($"URI with IP ('{uri}') cannot be matched against constraints");
        return MatchDomain(host, constraint, excluded);
    }

    /// <summary>Go's <c>matchIPConstraint</c>: same length (an IPv4 name never matches an IPv6 range) and equal under the mask.</summary>
    private static Result MatchIp(byte[] address, IpRange range)
    {
        if (address.Length != range.Address.Length) return Result.No;
        for (var i = 0; i < address.Length; i++)
            if ((address[i] & range.Mask[i]) != (range.Address[i] & range.Mask[i])) return Result.No;
        return Result.Yes;
    }
}
