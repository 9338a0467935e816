using System.Text.Json.Nodes;
using Trust.Kubernetes.Testing.Http;
using Trust.Kubernetes.Testing.Storage;

namespace Trust.Kubernetes.Testing.Selectors;

/// <summary>
/// A parsed <c>labelSelector</c>: comma-joined requirements that must all hold — <c>k=v</c>, <c>k==v</c>,
/// <c>k!=v</c>, <c>k</c>, <c>!k</c>, <c>k in (a,b)</c>, <c>k notin (a,b)</c>, <c>k&gt;1</c>, <c>k&lt;1</c> — as
/// apimachinery's labels.Parse reads them.
/// </summary>
internal sealed class LabelSelector
{
    private readonly IReadOnlyList<Func<IReadOnlyDictionary<string, string>, bool>> _requirements;

    private LabelSelector(IReadOnlyList<Func<IReadOnlyDictionary<string, string>, bool>> requirements) => _requirements = requirements;

    public bool Matches(JsonObject obj)
    {
        if (_requirements.Count == 0) return true;
        var labels = Json.StringMap(obj["metadata"]?["labels"]).ToDictionary();
        return _requirements.All(requirement => requirement(labels));
    }

    /// <summary>Parses a selector; an empty one selects everything. A malformed one is a 400 BadRequest.</summary>
    public static LabelSelector Parse(string? text)
    {
        var tokens = new Tokens(text ?? "");
        var requirements = new List<Func<IReadOnlyDictionary<string, string>, bool>>();
        while (!tokens.AtEnd)
        {
            requirements.Add(ParseRequirement(tokens));
            if (tokens.AtEnd) break;
            tokens.Expect(",");
            if (tokens.AtEnd) throw Unparsable("found '', expected: identifier");
        }
        return new LabelSelector(requirements);
    }

    private static Func<IReadOnlyDictionary<string, string>, bool> ParseRequirement(Tokens tokens)
    {
        if (tokens.TryTake("!"))
        {
            var absent = tokens.Identifier();
            return labels => !labels.ContainsKey(absent);
        }
        var key = tokens.Identifier();
        if (tokens.AtEnd || tokens.Peek == ",") return labels => labels.ContainsKey(key);
        var op = tokens.Take();
        switch (op)
        {
            case "=" or "==":
                var value = tokens.OptionalValue();
                return labels => labels.TryGetValue(key, out var v) && v == value;
            case "!=":
                var other = tokens.OptionalValue();
                return labels => !labels.TryGetValue(key, out var v) || v != other;
            case "in":
                var members = tokens.ValueSet();
                return labels => labels.TryGetValue(key, out var v) && members.Contains(v);
            case "notin":
                var excluded = tokens.ValueSet();
                return labels => !labels.TryGetValue(key, out var v) || !excluded.Contains(v);
            case ">" or "<":
                var bound = tokens.Integer();
                return labels => labels.TryGetValue(key, out var v) && long.TryParse(v, out var n) && (op == ">" ? n > bound : n < bound);
            default:
                throw Unparsable($"found '{op}', expected: in, notin, =, ==, !=, gt, lt");
        }
    }

    private static ApiError Unparsable(string why) => ApiError.BadRequest($"unable to parse requirement: {why}");

    /// <summary>The lexer: identifiers run until white space or one of <c>!=,()&lt;&gt;</c>.</summary>
    private sealed class Tokens
    {
        private readonly List<string> _items = [];
        private int _next;

        public Tokens(string text)
        {
            for (var i = 0; i < text.Length;)
            {
                var c = text[i];
                if (char.IsWhiteSpace(c)) { i++; continue; }
                if (c is '!' or '=' && i + 1 < text.Length && text[i + 1] == '=') { _items.Add(text.Substring(i, 2)); i += 2; continue; }
                if (c is '!' or '=' or ',' or '(' or ')' or '<' or '>') { _items.Add(c.ToString()); i++; continue; }
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('!' or '=' or ',' or '(' or ')' or '<' or '>')) i++;
                _items.Add(text[start..i]);
            }
        }

        public bool AtEnd => _next >= _items.Count;
        public string Peek => AtEnd ? "" : _items[_next];

        public string Take() => AtEnd ? throw Unparsable("found '', expected: identifier") : _items[_next++];

        public bool TryTake(string token)
        {
            if (Peek != token) return false;
            _next++;
            return true;
        }

        public void Expect(string token)
        {
            if (!TryTake(token)) throw Unparsable($"found '{Peek}', expected: '{token}'");
        }

        public string Identifier()
        {
            var token = Take();
            return IsWord(token) ? token : throw Unparsable($"found '{token}', expected: identifier");
        }

        /// <summary>A value after = or !=, which may be empty (<c>k=</c> selects an empty label).</summary>
        public string OptionalValue() => AtEnd || Peek == "," ? "" : Identifier();

        public HashSet<string> ValueSet()
        {
            Expect("(");
            var values = new HashSet<string>(StringComparer.Ordinal);
            while (true)
            {
                values.Add(Peek is "," or ")" ? "" : Identifier());
                if (TryTake(")")) return values;
                Expect(",");
            }
        }

        public long Integer()
        {
            var token = Identifier();
            return long.TryParse(token, out var n) ? n : throw Unparsable($"for 'gt', 'lt' operators, the value must be an integer, not '{token}'");
        }

        private static bool IsWord(string token) => token.Length > 0 && token is not ("!" or "=" or "==" or "!=" or "," or "(" or ")" or "<" or ">");
    }
}
