using Trust.Kubernetes;
using Trust.Rotation;

namespace Trust.Kubernetes.Tests.Job;

public class RecordAnnotationsTests
{
    private static Dictionary<string, string> Present(IReadOnlyDictionary<string, string?> written) =>
        written.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!);

    [Fact]
    public void A_record_survives_the_round_trip_through_annotations()
    {
        var record = new RotationRecord
        {
            Phase = RotationPhase.Switch,
            AnchorFingerprint = new string('b', 64),
            PreviousFingerprint = new string('a', 64),
            PublishedAt = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero),
            SwitchedAt = new DateTimeOffset(2026, 3, 2, 11, 30, 5, TimeSpan.Zero),
            Emergency = true,
        };
        Assert.Equal(record, RecordAnnotations.Read(Present(RecordAnnotations.Write(record))));
    }

    [Fact]
    public void Absent_values_are_written_as_removals()
    {
        var written = RecordAnnotations.Write(new RotationRecord { Phase = RotationPhase.Stable, AnchorFingerprint = "ab" });
        Assert.Null(written[RecordAnnotations.Next]);
        Assert.Null(written[RecordAnnotations.PublishedAt]);
        Assert.Null(written[RecordAnnotations.Emergency]);
        Assert.Equal("Stable", written[RecordAnnotations.Phase]);
    }

    [Theory]
    [InlineData("Sideways", "ab")]
    [InlineData("99", "ab")]
    [InlineData("Stable", "")]
    [InlineData(null, "ab")]
    public void An_unreadable_record_is_no_record(string? phase, string anchor)
    {
        var annotations = new Dictionary<string, string> { [RecordAnnotations.Anchor] = anchor };
        if (phase is not null) annotations[RecordAnnotations.Phase] = phase;
        Assert.Null(RecordAnnotations.Read(annotations));
    }

    [Fact]
    public void An_unreadable_time_is_left_out_and_the_rest_kept()
    {
        var record = RecordAnnotations.Read(new Dictionary<string, string>
        {
            [RecordAnnotations.Phase] = "Publish", [RecordAnnotations.Anchor] = "aa", [RecordAnnotations.Next] = "bb",
            [RecordAnnotations.PublishedAt] = "yesterday",
        });
        Assert.NotNull(record);
        Assert.Null(record.PublishedAt);
        Assert.Equal("bb", record.NextFingerprint);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("incident 4711", true)]
    [InlineData("false", false)]
    [InlineData(" FALSE ", false)]
    [InlineData("", false)]
    public void The_pause_annotation_pauses_unless_false_or_empty(string value, bool paused)
    {
        Assert.Equal(paused, RecordAnnotations.IsPaused(new Dictionary<string, string> { [RecordAnnotations.Paused] = value }));
        Assert.False(RecordAnnotations.IsPaused(new Dictionary<string, string>()));
        Assert.False(RecordAnnotations.IsPaused(null));
    }

    [Theory]
    [InlineData("Banana", "aa", null, null, "trust-rotate/phase is 'Banana'")]
    [InlineData("1", "aa", null, null, "not a phase")]
    [InlineData("Publish", "", null, null, "trust-rotate/anchor is missing")]
    [InlineData("Publish", "aa", "yesterday", null, "trust-rotate/published-at is 'yesterday'")]
    [InlineData("Publish", "aa", null, "yes", "trust-rotate/emergency is 'yes'")]
    public void A_record_that_is_present_but_unreadable_is_a_problem(string phase, string anchor, string? published, string? emergency, string expected)
    {
        var annotations = new Dictionary<string, string> { [RecordAnnotations.Phase] = phase, [RecordAnnotations.Anchor] = anchor };
        if (published is not null) annotations[RecordAnnotations.PublishedAt] = published;
        if (emergency is not null) annotations[RecordAnnotations.Emergency] = emergency;
        Assert.Contains(expected, RecordAnnotations.Problem(annotations));
    }

    [Fact]
    public void No_record_or_a_clean_one_or_only_a_pause_is_no_problem()
    {
        Assert.Null(RecordAnnotations.Problem(null));
        Assert.Null(RecordAnnotations.Problem(new Dictionary<string, string> { [RecordAnnotations.Paused] = "true", ["other/x"] = "y" }));
        var clean = RecordAnnotations.Write(new RotationRecord { Phase = RotationPhase.Publish, AnchorFingerprint = "aa", NextFingerprint = "bb",
            PublishedAt = DateTimeOffset.UnixEpoch, Emergency = true });
        Assert.Null(RecordAnnotations.Problem(Present(clean)));
    }
}
