namespace Trust.Cli.Files;

/// <summary>
/// The temporary files this process has created and not yet renamed into place, so that a signal (SIGINT, SIGTERM)
/// can remove them before the process exits: no half-written output and no private key is ever left behind.
/// </summary>
/// <remarks>
/// A temporary file is created, and renamed into place, only while holding <see cref="Gate"/>; the signal handler takes
/// the same gate, removes what is registered and ends the process without releasing it. So every temporary file that
/// exists when the process ends by a signal is one the handler removed, and a set of renames is never cut in half.
/// </remarks>
internal static class TempFiles
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<string> Live = [];

    /// <summary>Creates <paramref name="path"/> with <paramref name="options"/> and registers it.</summary>
    public static FileStream Create(string path, FileStreamOptions options)
    {
        lock (Gate)
        {
            Live.Add(path);
            try
            {
                return new FileStream(path, options);
            }
            catch
            {
                Live.Remove(path);
                throw;
            }
        }
    }

    /// <summary>Renames every temporary file to its target, as one step with respect to signals.</summary>
    public static void MoveIntoPlace(IReadOnlyList<(string Temp, string Path)> moves, bool overwrite, Action<string> beforeEach)
    {
        lock (Gate)
        {
            foreach (var (temp, path) in moves)
            {
                beforeEach(path);
                File.Move(temp, path, overwrite);
                Live.Remove(temp);
            }
        }
    }

    /// <summary>Deletes a temporary file that is no longer needed (after a failure).</summary>
    public static void Discard(string path)
    {
        lock (Gate)
        {
            try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            Live.Remove(path);
        }
    }

    /// <summary>
    /// For the signal handler: removes every registered temporary file and keeps the gate closed for good, so nothing
    /// is created or renamed afterwards. The caller ends the process.
    /// </summary>
    public static void RemoveAllForExit()
    {
        Gate.Enter(); // never released: the process is ending
        foreach (var path in Live)
        {
            try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
        Live.Clear();
    }
}
