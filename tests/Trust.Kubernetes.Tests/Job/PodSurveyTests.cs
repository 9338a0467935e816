using Trust.Certificates;
using Trust.Keys;
using Trust.Kubernetes;
using Trust.Kubernetes.Wire;
using Trust.Pem;

namespace Trust.Kubernetes.Tests.Job;

public class PodSurveyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static CertificateInfo Anchor(string subject)
    {
        using var key = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        return new CertificateFactory().CreateAnchor(new AnchorProfile { Subject = subject }, key, T0).Certificate;
    }

    private static Pod Pod(string ns, string name, string? anchors, string? replicaSet = null, string? hash = null, DateTime? started = null,
        bool proxyAsInit = false)
    {
        var proxy = new Container
        {
            Name = "linkerd-proxy",
            Env = anchors is null ? [] : [new EnvVar { Name = "LINKERD2_PROXY_IDENTITY_TRUST_ANCHORS", Value = anchors }],
        };
        var app = new Container { Name = "app" };
        return new Pod
        {
            Metadata = new ObjectMeta
            {
                Name = name, Namespace = ns,
                Labels = hash is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["pod-template-hash"] = hash },
                OwnerReferences = replicaSet is null ? null : [new OwnerReference { Kind = "ReplicaSet", Name = replicaSet, Controller = true }],
                CreationTimestamp = started,
            },
            Spec = proxyAsInit ? new PodSpec { Containers = [app], InitContainers = [proxy] } : new PodSpec { Containers = [app, proxy] },
            Status = new PodStatus { StartTime = started },
        };
    }

    [Fact]
    public void Pods_with_the_same_anchors_form_one_group_whatever_their_number()
    {
        var a = Anchor("root.a");
        var b = Anchor("root.b");
        var ab = CertificatePem.Write([a, b]);
        var ba = CertificatePem.Write([b, a]) + "\n\n";
        var survey = new PodSurvey();
        for (var i = 0; i < 1000; i++) survey.Add(Pod("shop", $"web-7d4b9c8f5-{i}", ab, "web-7d4b9c8f5", "7d4b9c8f5", T0.UtcDateTime.AddMinutes(i)));
        survey.Add(Pod("shop", "db-0", ba, started: T0.UtcDateTime.AddMinutes(-5)));
        survey.Add(Pod("linkerd", "identity", CertificatePem.Write([a]), proxyAsInit: true, started: T0.UtcDateTime));

        Assert.Equal(1002, survey.Pods);
        Assert.Equal(3, survey.Groups.Count()); // texts differ (order, trailing lines after Trim are equal only if identical)
        var groups = survey.ToMeshedPodGroups(20);
        Assert.Equal(2, groups.Count); // {a, b} twice by text, once as a set
        var both = Assert.Single(groups, g => g.AnchorFingerprints.Count == 2);
        Assert.Equal(1001, both.Pods);
        Assert.Contains("shop/web", both.Workloads);
        Assert.Contains("shop/pod/db-0", both.Workloads);
        Assert.Equal(T0.AddMinutes(-5), survey.OldestKnownStart);
    }

    [Fact]
    public void A_pod_of_unknown_age_makes_the_oldest_start_unknown()
    {
        var survey = new PodSurvey();
        survey.Add(Pod("shop", "a", "x", started: T0.UtcDateTime));
        survey.Add(Pod("shop", "b", "x"));
        Assert.Null(survey.OldestKnownStart);
    }

    [Fact]
    public void Unreadable_or_missing_anchors_trust_nothing()
    {
        var survey = new PodSurvey();
        survey.Add(Pod("shop", "a", "not pem"));
        survey.Add(Pod("shop", "b", null));
        var group = Assert.Single(survey.ToMeshedPodGroups(20));
        Assert.Empty(group.AnchorFingerprints);
        Assert.Equal(2, group.Pods);
    }

    [Theory]
    [InlineData("web-7d4b9c8f5", "7d4b9c8f5", "Deployment", "web")]
    [InlineData("web-7d4b9c8f5", null, "ReplicaSet", "web-7d4b9c8f5")]
    [InlineData("web-abc", "7d4b9c8f5", "ReplicaSet", "web-abc")]
    public void A_replica_set_named_after_its_template_hash_is_seen_as_its_deployment(string rs, string? hash, string kind, string name)
    {
        var workload = Workload.Of(Pod("shop", "p", null, rs, hash));
        Assert.Equal(new Workload(kind, "shop", name), workload);
        Assert.Equal(kind is "Deployment", workload.CanRestart);
    }
}
