using System.Text.Json.Nodes;
using Trust.Kubernetes.Testing;
using Trust.Rotation;
using static Trust.Kubernetes.Tests.Job.JobHarness;

namespace Trust.Kubernetes.Tests.Job;

/// <summary>The rotation job against the fake API server: every write goes over HTTP through KubernetesClient.</summary>
public class RotationJobTests
{
    private static bool IsWrite(Testing.RequestRecord r) =>
        r.Method is "POST" or "PUT" or "PATCH" or "DELETE" && !r.Path.Contains("/leases") && !r.Path.Contains("/events");

    private static void AddIdentity(FakeApiServer server, DateTimeOffset created, string bundle, string name = "linkerd-identity-5d8f7c9b6-abcde") =>
        server.AddPod(Ns, name, new Dictionary<string, string> { ["linkerd.io/control-plane-component"] = "identity" }, creationTimestamp: created,
            trustAnchorsPem: bundle);

    [Fact]
    public async Task Bootstrap_writes_cert_managers_layout_and_a_second_run_writes_nothing()
    {
        await using var h = await StartAsync();
        var report = await h.RunAsync();
        Assert.True(report.Outcome == RotationOutcome.Good, report.Error);
        Assert.Equal(RotationPhase.Bootstrap, report.PhaseBefore);
        Assert.Equal(RotationPhase.Stable, report.PhaseAfter);
        Assert.Equal(["store-anchor", "write-bundle", "write-issuer", "record"], report.Actions.Select(a => a.Action));

        var issuer = h.Get(h.Home, KubeResource.Secrets, Ns, "linkerd-identity-issuer")!;
        Assert.Equal("kubernetes.io/tls", issuer["type"]!.GetValue<string>());
        Assert.Equal("true", issuer["metadata"]!["labels"]!["controller.cert-manager.io/fao"]!.GetValue<string>());
        var annotations = issuer["metadata"]!["annotations"]!.AsObject();
        foreach (var key in new[] { "certificate-name", "issuer-name", "issuer-kind", "issuer-group", "common-name", "alt-names", "ip-sans", "uri-sans" })
            Assert.True(annotations.ContainsKey("cert-manager.io/" + key), key);
        Assert.Equal("identity.linkerd.cluster.local", annotations["cert-manager.io/common-name"]!.GetValue<string>());
        var anchor = h.Get(h.Home, KubeResource.Secrets, AnchorNs, "linkerd-trust-anchor")!;
        Assert.Equal(Data(anchor, "tls.crt"), Data(issuer, "ca.crt"));
        Assert.Equal("Stable", anchor["metadata"]!["annotations"]!["trust-rotate/phase"]!.GetValue<string>());
        Assert.Equal(Data(anchor, "tls.crt"), h.BundleText(h.Home));
        h.AssertIssuerVerifiesAgainstBundle(h.Home);
        Assert.Null(h.Get(h.Home, KubeResource.Secrets, Ns, "linkerd-trust-anchor")); // the anchor key stays out of Linkerd's namespace

        // Events on the objects written, with MicroTime the server validates; the Lease stays, released.
        Assert.True(h.Home.Objects(KubeResource.EventsV1).Count >= 3);
        var lease = h.Get(h.Home, KubeResource.Leases, AnchorNs, "trust-rotate")!;
        Assert.Equal("", lease["spec"]!["holderIdentity"]?.GetValue<string>() ?? "");

        h.Home.Requests.Clear();
        h.Time.Advance(TimeSpan.FromHours(1));
        var again = await h.RunAsync();
        Assert.Equal(RotationOutcome.Good, again.Outcome);
        Assert.Empty(again.Actions);
        Assert.DoesNotContain(h.Home.Requests.All, IsWrite);
    }

    [Fact]
    public async Task A_near_expiry_issuer_is_renewed_with_a_new_key()
    {
        await using var h = await StartAsync();
        await h.RunAsync();
        var before = h.Get(h.Home, KubeResource.Secrets, Ns, "linkerd-identity-issuer")!;
        h.Time.Advance(TimeSpan.FromHours(33)); // 48h lifetime, renewed with a third left (after 32h)
        var report = await h.RunAsync();
        var action = Assert.Single(report.Actions, a => a.Action == "write-issuer");
        Assert.Contains("(renewal due)", action.Message);
        var after = h.Get(h.Home, KubeResource.Secrets, Ns, "linkerd-identity-issuer")!;
        Assert.NotEqual(Data(before, "tls.key"), Data(after, "tls.key"));
        h.AssertIssuerVerifiesAgainstBundle(h.Home);
    }

    [Fact]
    public async Task A_near_expiry_anchor_walks_every_phase_across_hourly_runs_with_faults_and_never_breaks_trust()
    {
        await using var h = await StartAsync();
        var policy = new RotationPolicy { AnchorLifetime = TimeSpan.FromDays(12), MinBundleAge = TimeSpan.FromHours(6) };
        var options = h.Options(policy);
        Assert.Equal(RotationOutcome.Good, (await h.RunAsync(options)).Outcome);
        var firstAnchor = Data(h.Get(h.Home, KubeResource.Secrets, AnchorNs, "linkerd-trust-anchor")!, "tls.crt");

        var rng = new Random(7);
        var podsBundle = h.BundleText(h.Home)!;
        var pods = h.Home.AddMeshedPods("shop", 30, podsBundle);
        AddIdentity(h.Home, h.Time.GetUtcNow(), podsBundle);
        var identityAt = h.Time.GetUtcNow();
        var phases = new HashSet<RotationPhase>();
        var faults = new Func<Fault>[] { Fault.InternalError, () => Fault.TooManyRequests(1), Fault.ConflictRace, Fault.DropConnection, () => Fault.ServiceUnavailable(2) };
        for (var hour = 0; hour < 24 * 11; hour++)
        {
            h.Time.Advance(TimeSpan.FromHours(1));
            var faulty = rng.Next(4) == 0;
            if (faulty) h.Home.Faults.Add(faults[rng.Next(faults.Length)](), method: rng.Next(2) == 0 ? "PUT" : null, times: 1);
            var report = await h.RunAsync(options);
            h.Home.Faults.Clear();
            // A race on the Lease itself is a lost Lease (Busy): the next run goes on. Nothing else may go wrong.
            Assert.True(report.Outcome is RotationOutcome.Good || faulty && report.Outcome is RotationOutcome.Busy,
                $"hour {hour}: {report.Outcome} {report.Error}");
            Assert.True(report.Actions.Count(a => a.Action == "record") <= 1, $"hour {hour}: {string.Join("; ", report.Actions.Select(a => a.Message))}");
            phases.Add(report.PhaseAfter);
            h.AssertIssuerVerifiesAgainstBundle(h.Home);

            // Pods re-created now and then pick up the bundle as it is; the identity controller restarts with them.
            var bundle = h.BundleText(h.Home)!;
            if (bundle != podsBundle && rng.Next(6) == 0)
            {
                foreach (var name in pods) h.Home.Delete(KubeResource.Pods, "shop", name);
                h.Home.Delete(KubeResource.Pods, Ns, "linkerd-identity-5d8f7c9b6-abcde");
                pods = h.Home.AddMeshedPods("shop", 30, bundle);
                AddIdentity(h.Home, h.Time.GetUtcNow(), bundle);
                podsBundle = bundle;
                identityAt = h.Time.GetUtcNow();
            }
            // Invariant 3: the issuer is only ever signed by an anchor every meshed pod trusts.
            var issuerCa = Data(h.Get(h.Home, KubeResource.Secrets, Ns, "linkerd-identity-issuer")!, "ca.crt");
            Assert.Contains(Bundle(issuerCa).Certificates[0].Fingerprint, Bundle(podsBundle).Certificates.Select(c => c.Fingerprint));
        }
        Assert.Superset(new HashSet<RotationPhase> { RotationPhase.Publish, RotationPhase.Switch, RotationPhase.Stable }, phases);
        var lastAnchor = Data(h.Get(h.Home, KubeResource.Secrets, AnchorNs, "linkerd-trust-anchor")!, "tls.crt");
        Assert.NotEqual(firstAnchor, lastAnchor);
        Assert.Single(Bundle(h.BundleText(h.Home)!).Certificates); // the old anchor was dropped
        Assert.Null(h.Get(h.Home, KubeResource.Secrets, AnchorNs, "linkerd-previous-anchor"));
    }

    [Fact]
    public async Task An_issuer_owned_by_a_cert_manager_certificate_stops_the_run_unless_taken_over()
    {
        await using var h = await StartAsync(certManager: true);
        await h.RunAsync();
        h.Home.Put(KubeResource.Certificates, new JsonObject
        {
            ["apiVersion"] = "cert-manager.io/v1", ["kind"] = "Certificate",
            ["metadata"] = new JsonObject { ["name"] = "linkerd-identity-issuer", ["namespace"] = Ns },
            ["spec"] = new JsonObject { ["secretName"] = "linkerd-identity-issuer" },
        });
        h.Time.Advance(TimeSpan.FromHours(40));
        h.Home.Requests.Clear();
        var stopped = await h.RunAsync();
        Assert.Equal(RotationOutcome.Stopped, stopped.Outcome);
        Assert.Contains(stopped.Findings, f => f.Id == "issuer-owned-elsewhere");
        Assert.DoesNotContain(h.Home.Requests.All, IsWrite);

        var taken = await h.RunAsync(h.Options(new RotationPolicy { TakeOver = true }));
        Assert.Equal(RotationOutcome.Good, taken.Outcome);
        Assert.Contains(taken.Actions, a => a.Action == "write-issuer");
    }

    [Fact]
    public async Task A_corrupt_anchor_secret_stops_the_run_with_no_writes()
    {
        await using var h = await StartAsync();
        await h.RunAsync();
        var anchor = h.Get(h.Home, KubeResource.Secrets, AnchorNs, "linkerd-trust-anchor")!;
        anchor["data"]!["tls.crt"] = Convert.ToBase64String("-----BEGIN CERTIFICATE-----\ngarbage\n-----END CERTIFICATE-----\n"u8.ToArray());
        h.Home.Put(KubeResource.Secrets, anchor);
        h.Home.Requests.Clear();
        var report = await h.RunAsync();
        Assert.Equal(RotationOutcome.Stopped, report.Outcome);
        Assert.NotEmpty(report.Findings);
        Assert.DoesNotContain(h.Home.Requests.All, IsWrite);
    }

    [Fact]
    public async Task A_corrupt_rotation_record_stops_the_run_instead_of_being_forgotten()
    {
        await using var h = await StartAsync();
        await h.RunAsync();
        var anchor = h.Get(h.Home, KubeResource.Secrets, AnchorNs, "linkerd-trust-anchor")!;
        anchor["metadata"]!["annotations"]!["trust-rotate/phase"] = "Banana";
        h.Home.Put(KubeResource.Secrets, anchor);
        h.Home.Requests.Clear();
        var report = await h.RunAsync();
        Assert.Equal(RotationOutcome.Stopped, report.Outcome);
        Assert.Contains(report.Findings, f => f.Id == "rotation-state-inconsistent" && f.Message.Contains("Banana"));
        Assert.DoesNotContain(h.Home.Requests.All, IsWrite);
    }

    [Fact]
    public async Task A_held_lease_makes_the_run_busy_an_expired_or_empty_one_is_taken()
    {
        await using var h = await StartAsync();
        JsonObject Lease(string holder, DateTimeOffset? renew) => new()
        {
            ["apiVersion"] = "coordination.k8s.io/v1", ["kind"] = "Lease",
            ["metadata"] = new JsonObject { ["name"] = "trust-rotate", ["namespace"] = AnchorNs },
            ["spec"] = renew is { } r
                ? new JsonObject { ["holderIdentity"] = holder, ["leaseDurationSeconds"] = 300, ["renewTime"] = r.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'") }
                : new JsonObject { ["holderIdentity"] = holder },
        };
        h.Home.Put(KubeResource.Leases, Lease("other-run", h.Time.GetUtcNow()));
        var busy = await h.RunAsync();
        Assert.Equal(RotationOutcome.Busy, busy.Outcome);
        Assert.Equal("other-run", busy.LeaseHolder);
        Assert.Null(h.Get(h.Home, KubeResource.Secrets, AnchorNs, "linkerd-trust-anchor"));

        h.Time.Advance(TimeSpan.FromMinutes(6)); // expired
        Assert.Equal(RotationOutcome.Good, (await h.RunAsync()).Outcome);

        h.Home.Put(KubeResource.Leases, Lease("crashed-run", null)); // times empty: client-go's elector loops on this
        Assert.Equal(RotationOutcome.Good, (await h.RunAsync()).Outcome);
        var lease = h.Get(h.Home, KubeResource.Leases, AnchorNs, "trust-rotate")!;
        Assert.Equal("", lease["spec"]!["holderIdentity"]?.GetValue<string>() ?? "");
    }

    [Fact]
    public async Task Two_clusters_share_one_anchor_kept_in_the_home_cluster()
    {
        await using var h = await StartAsync(clusters: 2);
        var report = await h.RunAsync();
        Assert.Equal(RotationOutcome.Good, report.Outcome);
        var anchor = Data(h.Get(h.Home, KubeResource.Secrets, AnchorNs, "linkerd-trust-anchor")!, "tls.crt");
        foreach (var server in h.Servers)
        {
            Assert.Equal(anchor, h.BundleText(server));
            h.AssertIssuerVerifiesAgainstBundle(server);
        }
        Assert.Null(h.Get(h.Servers[1], KubeResource.Secrets, AnchorNs, "linkerd-trust-anchor"));
        Assert.NotEqual(Data(h.Get(h.Servers[0], KubeResource.Secrets, Ns, "linkerd-identity-issuer")!, "tls.key"),
            Data(h.Get(h.Servers[1], KubeResource.Secrets, Ns, "linkerd-identity-issuer")!, "tls.key"));
    }

    [Fact]
    public async Task A_steady_state_run_over_ten_thousand_meshed_pods_takes_at_most_sixty_requests()
    {
        await using var h = await StartAsync();
        await h.RunAsync();
        var bundle = h.BundleText(h.Home)!;
        h.Home.AddMeshedPods("shop", 10_000, bundle);
        AddIdentity(h.Home, h.Time.GetUtcNow(), bundle);
        h.Time.Advance(TimeSpan.FromHours(1));
        h.Home.Requests.Clear();
        var report = await h.RunAsync();
        Assert.Equal(RotationOutcome.Good, report.Outcome);
        Assert.Empty(report.Actions);
        Assert.Equal(10_001, report.Clusters[0].MeshedPods);
        Assert.Equal(0, report.Clusters[0].PodsDifferingFromBundle);
        Assert.InRange(h.Home.Requests.Count, 1, 60);
        Assert.Equal(report.Requests, h.Home.Requests.Count);
        Assert.All(h.Home.Requests.All.Where(r => r.Path == "/api/v1/pods"), r => Assert.Equal("500", r.QueryValue("limit")));
    }

    [Fact]
    public async Task Pause_holds_the_rotation_and_is_reported()
    {
        await using var h = await StartAsync();
        var policy = new RotationPolicy { AnchorLifetime = TimeSpan.FromDays(8) };
        await h.RunAsync(h.Options(policy));
        var anchor = h.Get(h.Home, KubeResource.Secrets, AnchorNs, "linkerd-trust-anchor")!;
        anchor["metadata"]!["annotations"]!["trust-rotate/paused"] = "true";
        h.Home.Put(KubeResource.Secrets, anchor);
        h.Time.Advance(TimeSpan.FromDays(6)); // inside the anchor's window
        var report = await h.RunAsync(h.Options(policy));
        Assert.True(report.Paused);
        Assert.Null(h.Get(h.Home, KubeResource.Secrets, AnchorNs, "linkerd-trust-anchor-next"));
        Assert.Contains(report.Findings, f => f.Id == "rotation-paused");
    }

    [Fact]
    public async Task A_dry_run_plans_and_writes_nothing()
    {
        await using var h = await StartAsync();
        var report = await h.RunAsync(h.Options() with { DryRun = true });
        Assert.Equal(RotationOutcome.Good, report.Outcome);
        Assert.Contains(report.Actions, a => a.Action == "write-issuer");
        Assert.DoesNotContain(h.Home.Requests.All, r => r.Method != "GET");
    }

    private static void AddDeployment(FakeApiServer server, string ns, string name) => server.Put(KubeResource.Deployments, new JsonObject
    {
        ["apiVersion"] = "apps/v1", ["kind"] = "Deployment",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["spec"] = new JsonObject { ["template"] = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject() } } },
    });

    private static void AddDeploymentPod(FakeApiServer server, string ns, string deployment, string pod, string bundle, DateTimeOffset created,
        Dictionary<string, string>? labels = null)
    {
        const string hash = "5d8f7c9b6";
        labels ??= [];
        labels["pod-template-hash"] = hash;
        server.AddPod(ns, pod, labels, creationTimestamp: created, trustAnchorsPem: bundle,
            ownerReferences: new JsonArray(new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "ReplicaSet", ["name"] = $"{deployment}-{hash}", ["uid"] = "u-" + deployment, ["controller"] = true }));
    }

    private static string? RestartedAt(JobHarness h, string ns, string name) =>
        h.Get(h.Home, KubeResource.Deployments, ns, name)!["spec"]!["template"]!["metadata"]!["annotations"]?["kubectl.kubernetes.io/restartedAt"]?.GetValue<string>();

    [Fact]
    public async Task Restart_rolls_the_control_plane_first_then_the_workloads_once_each()
    {
        await using var h = await StartAsync();
        var policy = new RotationPolicy { AnchorLifetime = TimeSpan.FromDays(12), MinBundleAge = TimeSpan.FromHours(1) };
        var options = h.Options(policy, restart: true);
        await h.RunAsync(options);
        var bundle = h.BundleText(h.Home)!;
        AddDeployment(h.Home, Ns, "linkerd-identity");
        AddDeployment(h.Home, "shop", "web");
        var identityLabels = new Dictionary<string, string> { ["linkerd.io/control-plane-component"] = "identity" };
        AddDeploymentPod(h.Home, Ns, "linkerd-identity", "linkerd-identity-5d8f7c9b6-aaaaa", bundle, h.Time.GetUtcNow(), identityLabels);
        AddDeploymentPod(h.Home, "shop", "web", "web-5d8f7c9b6-aaaaa", bundle, h.Time.GetUtcNow());

        h.Time.Advance(TimeSpan.FromDays(8) + TimeSpan.FromHours(1)); // inside the anchor's window: Publish
        var publish = await h.RunAsync(options); // the run re-reads after writing: it confirms its own publication
        Assert.Equal(RotationPhase.Publish, publish.PhaseAfter);
        Assert.Contains(publish.Waits, w => w.Reason == RotationWaitReason.BundleTooYoung);
        Assert.Null(RestartedAt(h, Ns, "linkerd-identity")); // nothing restarts for a bundle younger than the minimum age

        h.Time.Advance(TimeSpan.FromHours(1));
        var first = await h.RunAsync(options);
        Assert.Equal(["linkerd/linkerd-identity"], first.Actions.Where(a => a.Action == "restart").Select(a => a.Object));
        Assert.NotNull(RestartedAt(h, Ns, "linkerd-identity"));
        Assert.Null(RestartedAt(h, "shop", "web"));

        h.Time.Advance(TimeSpan.FromHours(1));
        Assert.DoesNotContain((await h.RunAsync(options)).Actions, a => a.Action == "restart"); // its rollout is under way

        // The identity controller came back with the new bundle: now the workloads.
        var published = h.BundleText(h.Home)!;
        h.Home.Delete(KubeResource.Pods, Ns, "linkerd-identity-5d8f7c9b6-aaaaa");
        AddDeploymentPod(h.Home, Ns, "linkerd-identity", "linkerd-identity-5d8f7c9b6-bbbbb", published, h.Time.GetUtcNow(), identityLabels);
        h.Time.Advance(TimeSpan.FromHours(1));
        var second = await h.RunAsync(options);
        Assert.Equal(["shop/web"], second.Actions.Where(a => a.Action == "restart").Select(a => a.Object));
        h.AssertIssuerVerifiesAgainstBundle(h.Home);
    }

    private static List<JsonObject> Events(JobHarness h, string reason) =>
        h.Home.Objects(KubeResource.EventsV1).Where(e => e["reason"]?.GetValue<string>() == reason).ToList();

    private static void Pause(JobHarness h)
    {
        var anchor = h.Get(h.Home, KubeResource.Secrets, AnchorNs, "linkerd-trust-anchor")!;
        anchor["metadata"]!["annotations"]!["trust-rotate/paused"] = "change freeze";
        h.Home.Put(KubeResource.Secrets, anchor);
    }

    [Fact]
    public async Task A_pause_is_reported_with_an_event_on_every_run_rotation_due_or_not()
    {
        await using var h = await StartAsync();
        await h.RunAsync();
        Pause(h);
        for (var run = 1; run <= 2; run++)
        {
            h.Time.Advance(TimeSpan.FromHours(1));
            var report = await h.RunAsync();
            Assert.Equal(RotationOutcome.Good, report.Outcome);
            Assert.True(report.Paused);
            Assert.Contains(report.Findings, f => f.Id == "rotation-paused");
            var events = Events(h, "RotationPaused");
            Assert.Equal(run, events.Count);
            Assert.All(events, e => Assert.Equal("Normal", e["type"]!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task An_emergency_asked_for_while_paused_is_blocked_not_good()
    {
        await using var h = await StartAsync();
        await h.RunAsync();
        Pause(h);
        h.Time.Advance(TimeSpan.FromHours(1));
        var report = await h.RunAsync(h.Options(new RotationPolicy { Emergency = true }));
        Assert.Equal(RotationOutcome.Blocked, report.Outcome);
        Assert.True(report.EmergencyBlocked);
        Assert.Contains(report.Findings, f => f.Id == "rotation-paused" && f.Message.Contains("emergency"));
        Assert.Null(h.Get(h.Home, KubeResource.Secrets, AnchorNs, "linkerd-trust-anchor-next"));
        Assert.Equal("Warning", Assert.Single(Events(h, "RotationBlocked"))["type"]!.GetValue<string>());
        Assert.Equal(RotationOutcome.Blocked, (await h.RunAsync(h.Options(new RotationPolicy { Emergency = true }) with { DryRun = true })).Outcome);
    }

    [Fact]
    public async Task A_publishing_run_writes_the_record_once_with_the_confirmed_publication()
    {
        await using var h = await StartAsync();
        await h.RunAsync();
        h.Time.Advance(TimeSpan.FromHours(1));
        h.Home.Requests.Clear();
        var report = await h.RunAsync(h.Options(new RotationPolicy { Emergency = true }));
        Assert.Equal(RotationPhase.Publish, report.PhaseAfter);
        Assert.Equal(["store-anchor", "write-bundle", "record"], report.Actions.Select(a => a.Action));
        var annotations = h.Get(h.Home, KubeResource.Secrets, AnchorNs, "linkerd-trust-anchor")!["metadata"]!["annotations"]!;
        Assert.Equal("Publish", annotations["trust-rotate/phase"]!.GetValue<string>());
        Assert.NotNull(annotations["trust-rotate/published-at"]);
        Assert.Equal("true", annotations["trust-rotate/emergency"]!.GetValue<string>());
        Assert.Single(h.Home.Requests.All, r => r.Method == "PUT" && r.Path.EndsWith("/secrets/linkerd-trust-anchor"));
    }

    [Fact]
    public async Task An_anchor_secret_that_cannot_be_read_is_restored_from_the_backup()
    {
        await using var h = await StartAsync();
        await h.RunAsync();
        var anchor = h.Get(h.Home, KubeResource.Secrets, AnchorNs, "linkerd-trust-anchor")!;
        anchor["data"]!["tls.crt"] = Convert.ToBase64String("not a certificate"u8.ToArray());
        h.Home.Put(KubeResource.Secrets, anchor);
        var report = await h.RunAsync();
        Assert.Equal(RotationOutcome.Stopped, report.Outcome);
        var finding = Assert.Single(report.Findings, f => f.Id == "pem-no-certificate");
        Assert.Equal(Findings.RemedyAction.RestoreAnchor, finding.Remedy!.Action);
    }

    [Fact]
    public async Task An_emergency_with_restart_walks_every_phase_then_restarts_what_still_trusts_the_dropped_anchor_once()
    {
        await using var h = await StartAsync();
        await h.RunAsync();
        var a = h.BundleText(h.Home)!;
        var identityLabels = new Dictionary<string, string> { ["linkerd.io/control-plane-component"] = "identity" };
        AddDeployment(h.Home, Ns, "linkerd-identity");
        AddDeployment(h.Home, "shop", "web");
        var identityPod = 0;
        void Identity(string bundle)
        {
            h.Home.Delete(KubeResource.Pods, Ns, $"linkerd-identity-5d8f7c9b6-{identityPod}");
            AddDeploymentPod(h.Home, Ns, "linkerd-identity", $"linkerd-identity-5d8f7c9b6-{++identityPod}", bundle, h.Time.GetUtcNow(), identityLabels);
        }
        void Web(string bundle)
        {
            h.Home.Delete(KubeResource.Pods, "shop", "web-5d8f7c9b6-aaaaa");
            AddDeploymentPod(h.Home, "shop", "web", "web-5d8f7c9b6-aaaaa", bundle, h.Time.GetUtcNow());
        }
        Identity(a);
        Web(a);
        var options = h.Options(new RotationPolicy { Emergency = true }, restart: true);
        string[] Restarts(RotationRunReport r) => [.. r.Actions.Where(x => x.Action == "restart").Select(x => x.Object)];

        h.Time.Advance(TimeSpan.FromHours(1));
        var publish = await h.RunAsync(options); // publishes, confirms, and restarts the control plane at once (no bundle age)
        Assert.Equal(RotationPhase.Publish, publish.PhaseAfter);
        Assert.Equal(["linkerd/linkerd-identity"], Restarts(publish));
        var both = h.BundleText(h.Home)!;
        h.Time.Advance(TimeSpan.FromMinutes(2));
        Identity(both);
        h.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(["shop/web"], Restarts(await h.RunAsync(options)));
        h.Time.Advance(TimeSpan.FromMinutes(2));
        Web(both);
        h.Time.Advance(TimeSpan.FromMinutes(1));
        var switched = await h.RunAsync(options);
        Assert.Equal(RotationPhase.Switch, switched.PhaseAfter);
        Assert.Contains(switched.Waits, w => w.Reason == RotationWaitReason.LeavesMayChainToOldAnchor);
        h.AssertIssuerVerifiesAgainstBundle(h.Home);

        h.Time.Advance(RotationPolicy.DefaultLeafLifetime + RotationPolicy.DefaultClockSkewAllowance + RotationPolicy.DefaultMargin + TimeSpan.FromMinutes(1));
        var dropped = await h.RunAsync(options);
        Assert.Equal(RotationPhase.Stable, dropped.PhaseAfter);
        Assert.Single(Bundle(h.BundleText(h.Home)!).Certificates);
        Assert.NotNull(h.Get(h.Home, KubeResource.Secrets, AnchorNs, "linkerd-trust-anchor")!["metadata"]!["annotations"]!["trust-rotate/dropped-at"]);
        // Every proxy still trusts the dropped (compromised) anchor: the control plane first, as during the rotation.
        Assert.Equal(["linkerd/linkerd-identity"], Restarts(dropped));
        h.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(Restarts(await h.RunAsync(options))); // its rollout is under way: not again
        Identity(h.BundleText(h.Home)!);
        h.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(["shop/web"], Restarts(await h.RunAsync(options)));
        h.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(Restarts(await h.RunAsync(options)));
        Web(h.BundleText(h.Home)!);
        h.Time.Advance(TimeSpan.FromHours(1));
        var settled = await h.RunAsync(options);
        Assert.Equal(RotationOutcome.Good, settled.Outcome);
        Assert.Empty(settled.Actions); // nothing trusts the dropped anchor any more, and the emergency does not start again
        Assert.Equal(0, settled.Clusters[0].PodsDifferingFromBundle);
    }
}
