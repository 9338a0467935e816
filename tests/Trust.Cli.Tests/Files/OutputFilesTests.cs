using Trust.Cli.Files;
using Trust.Tests.Support;

namespace Trust.Tests.Files;

public class OutputFilesTests
{
    [Fact]
    public void All_files_are_written_with_their_modes_and_no_temporary_files_remain()
    {
        using var dir = new TempDir();
        new OutputFiles().Add(dir["sub/a.crt"], "cert\n").AddSecret(dir["sub/a.key"], "key\n").Commit(force: false);
        Assert.Equal(["sub/a.crt", "sub/a.key"], dir.Files());
        Assert.Equal("key\n", File.ReadAllText(dir["sub/a.key"]));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dir["sub/a.key"]));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            File.GetUnixFileMode(dir["sub/a.crt"]));
    }

    [Fact]
    public void When_a_later_target_cannot_be_written_none_is_and_temporary_files_are_removed()
    {
        using var dir = new TempDir();
        dir.Write("blocker", "a regular file where a folder is needed\n");
        var files = new OutputFiles().Add(dir["ok.crt"], "cert\n").AddSecret(dir["blocker/k.key"], "key\n");
        Assert.Throws<TrustInputException>(() => files.Commit(force: false));
        Assert.Equal(["blocker"], dir.Files()); // the first file's temporary copy was removed, nothing renamed
    }

    [Fact]
    public void Every_message_names_the_paths_as_given()
    {
        using var dir = new TempDir();
        dir.Write("blocker", "a regular file where a folder is needed\n");
        var typed = Path.Combine(dir.Path, "x", "..", "blocker", "k.key");
        var files = new OutputFiles().Add(Path.Combine(dir.Path, ".", "ok.crt"), "cert\n").AddSecret(typed, "key\n");
        var e = Assert.Throws<TrustInputException>(() => files.Commit(force: false));
        Assert.StartsWith(Path.Combine(dir.Path, "x", "..", "blocker") + ": ", e.Message);
        dir.Write("ok.crt", "exists\n");
        var again = Assert.Throws<TrustInputException>(() => new OutputFiles().Add(Path.Combine(dir.Path, ".", "ok.crt"), "cert\n").Commit(force: false));
        Assert.Equal(Path.Combine(dir.Path, ".", "ok.crt") + ": already exists; use --force to overwrite it", again.Message);
    }

    [Fact]
    public void A_target_that_is_a_directory_fails_before_anything_is_written()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir["taken"]);
        var files = new OutputFiles().Add(dir["first.crt"], "cert\n").AddSecret(dir["taken"], "key\n");
        var e = Assert.Throws<TrustInputException>(() => files.Commit(force: true));
        Assert.Contains("is a directory", e.Message);
        Assert.Equal([], dir.Files().ToList());
    }

    [Fact]
    public void Existing_files_are_kept_unless_forced()
    {
        using var dir = new TempDir();
        dir.Write("a.crt", "old\n");
        Assert.Throws<TrustInputException>(() => new OutputFiles().Add(dir["a.crt"], "new\n").Commit(force: false));
        Assert.Equal("old\n", File.ReadAllText(dir["a.crt"]));
        new OutputFiles().Add(dir["a.crt"], "new\n").Commit(force: true);
        Assert.Equal("new\n", File.ReadAllText(dir["a.crt"]));
        Assert.Equal(["a.crt"], dir.Files());
    }

    [Fact]
    public void The_same_output_named_twice_is_refused()
    {
        using var dir = new TempDir();
        Assert.Throws<TrustInputException>(() => new OutputFiles().Add(dir["a"], "1").Add(dir["a"], "2"));
    }
}
