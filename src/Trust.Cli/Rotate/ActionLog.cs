using Trust.Kubernetes;
using Trust.Time;

namespace Trust.Cli.Rotate;

/// <summary>
/// The rotate command's log on standard error, one JSON object per line as a log collector reads it:
/// <c>{"time","level":"info","action","cluster","object","message"}</c> per write or restart as it happens, and
/// <c>{"time","level":"warn","message"}</c> per warning. Messages name objects and fingerprints, never key material.
/// </summary>
internal static class ActionLog
{
    public static void Action(TextWriter error, RotationAction action) => error.WriteLine(Json.Line(w =>
    {
        w.WriteStartObject();
        w.WriteString("time", Rfc3339.Format(action.At));
        w.WriteString("level", "info");
        w.WriteString("action", action.Action);
        w.WriteString("cluster", action.Cluster);
        w.WriteString("object", action.Object);
        w.WriteString("message", action.Message);
        w.WriteEndObject();
    }));

    public static void Warning(TextWriter error, string message, DateTimeOffset at) => error.WriteLine(Json.Line(w =>
    {
        w.WriteStartObject();
        w.WriteString("time", Rfc3339.Format(at));
        w.WriteString("level", "warn");
        w.WriteString("message", message);
        w.WriteEndObject();
    }));
}
