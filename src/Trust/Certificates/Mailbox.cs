using System.Text;

namespace Trust.Certificates;

/// <summary>
/// An rfc822Name split into local part and domain as Go's crypto/x509 <c>parseRFC2821Mailbox</c> does (RFC 5280
/// 4.2.1.6 says an rfc822Name is an RFC 2821 Mailbox): a quoted string or dot-atoms before the <c>@</c>, anything
/// with valid domain labels after it.
/// </summary>
internal readonly record struct Mailbox(string Local, string Domain)
{
    public static bool TryParse(string text, out Mailbox mailbox)
    {
        mailbox = default;
        if (text.Length == 0) return false;
        var local = new StringBuilder(text.Length / 2);
        var i = 0;
        if (text[0] == '"')
        {
            i = 1;
            while (true)
            {
                if (i >= text.Length) return false;
                var c = text[i++];
                if (c == '"') break;
                if (c == '\\')
                {
                    // quoted-pair
                    if (i >= text.Length) return false;
                    var next = text[i];
                    if (next is (char)11 or (char)12 || next is >= (char)1 and <= (char)9 || next is >= (char)14 and <= (char)127)
                    {
                        local.Append(next);
                        i++;
                        continue;
                    }
                    return false;
                }
                // qtext; space is accepted as Go accepts it (RFC 3696 errata argue both ways).
                if (c is (char)11 or (char)12 or (char)32 or (char)33 or (char)127
                    || c is >= (char)1 and <= (char)8 || c is >= (char)14 and <= (char)31
                    || c is >= (char)35 and <= (char)91 || c is >= (char)93 and <= (char)126)
                {
                    local.Append(c);
                    continue;
                }
                return false;
            }
        }
        else
        {
            while (i < text.Length)
            {
                var c = text[i];
                if (c == '\\')
                {
                    // Escapes outside quotes, as RFC 3696's examples (and Go) allow: the escaped character is kept, whatever it is.
                    i++;
                    if (i >= text.Length) return false;
                }
                else if (!IsAtomText(c))
                {
                    break;
                }
                local.Append(text[i]);
                i++;
            }
            if (local.Length == 0) return false;
            // RFC 3696 section 3: no leading, trailing or doubled period in the local part.
            var l = local.ToString();
            if (l[0] == '.' || l[^1] == '.' || l.Contains("..", StringComparison.Ordinal)) return false;
        }
        if (i >= text.Length || text[i] != '@') return false;
        var domain = text[(i + 1)..];
        if (DomainLabels.Reverse(domain) is null) return false;
        mailbox = new Mailbox(local.ToString(), domain);
        return true;
    }

    private static bool IsAtomText(char c) =>
        c is >= '0' and <= '9' or >= 'a' and <= 'z' or >= 'A' and <= 'Z'
            or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '/' or '=' or '?'
            or '^' or '_' or '`' or '{' or '|' or '}' or '~' or '.';
}
