using System.Net;
using k8s.Models;

namespace Trust.Kubernetes;

/// <summary>
/// The run's lock: a coordination.k8s.io Lease held while the run writes, as client-go's leader election holds one,
/// without a long-lived elector. Acquire: GET; on 404 create it (a 409 means another run won); when another holder's
/// renewTime + duration lies in the future, the Lease is held; otherwise take it over with a PUT carrying the read
/// resourceVersion (a 409 means another run won). An existing Lease whose times are empty counts as free (client-go's
/// elector loops on such a Lease). Release: PUT the holder cleared; the Lease object stays.
/// </summary>
internal sealed class LeaseLock(KubeApi api, string ns, string name, string holder, TimeSpan duration, TimeProvider time)
{
    private V1Lease? _held;

    /// <summary>Who holds the Lease and until when, when acquiring failed.</summary>
    public (string Holder, DateTimeOffset Until)? HeldBy { get; private set; }

    public async Task<bool> TryAcquireAsync(CancellationToken cancel)
    {
        var what = $"Lease {ns}/{name}";
        var lease = await ApiCalls.GetOrNull(() => api.ReadAsync(KubeApi.Leases, ns, name, cancel), $"reading {what}")
            .ConfigureAwait(false);
        var now = time.GetUtcNow();
        if (lease is null)
        {
            var fresh = new V1Lease
            {
                ApiVersion = "coordination.k8s.io/v1",
                Kind = "Lease",
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
                Spec = Spec(now, 0, now),
            };
            try
            {
                _held = await api.CreateAsync(KubeApi.Leases, ns, fresh, cancel).ConfigureAwait(false);
                return true;
            }
            catch (ApiException e) when (e.Status == HttpStatusCode.Conflict)
            {
                return await Lost(cancel).ConfigureAwait(false);
            }
            catch (Exception e) when (ApiCalls.IsApiFailure(e))
            {
                throw ApiCalls.Failure(e, $"creating {what}");
            }
        }

        var spec = lease.Spec ?? new V1LeaseSpec();
        if (!string.IsNullOrEmpty(spec.HolderIdentity) && spec.HolderIdentity != holder && Until(spec) is { } until && until > now)
        {
            HeldBy = (spec.HolderIdentity, until);
            return false;
        }
        var transitions = (spec.LeaseTransitions ?? 0) + (spec.HolderIdentity == holder ? 0 : 1);
        var acquired = spec.HolderIdentity == holder && spec.AcquireTime is { } at ? PodSurvey.Utc(at) : now;
        lease.Spec = Spec(acquired, transitions, now);
        try
        {
            _held = await api.ReplaceAsync(KubeApi.Leases, ns, name, lease, cancel).ConfigureAwait(false);
            return true;
        }
        catch (ApiException e) when (e.Status == HttpStatusCode.Conflict)
        {
            return await Lost(cancel).ConfigureAwait(false);
        }
        catch (Exception e) when (ApiCalls.IsApiFailure(e))
        {
            throw ApiCalls.Failure(e, $"taking {what}");
        }
    }

    /// <summary>Clears the holder (duration 1s), if this run still holds the Lease. Never throws for API failures: the
    /// Lease then simply expires.</summary>
    public async Task<bool> ReleaseAsync(CancellationToken cancel)
    {
        if (_held is null) return true;
        var lease = _held;
        _held = null;
        lease.Spec.HolderIdentity = "";
        lease.Spec.LeaseDurationSeconds = 1;
        lease.Spec.RenewTime = Utc(time.GetUtcNow());
        try
        {
            await api.ReplaceAsync(KubeApi.Leases, ns, name, lease, cancel).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (ApiCalls.IsApiFailure(e) || e is OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<bool> Lost(CancellationToken cancel)
    {
        var lease = await ApiCalls.GetOrNull(() => api.ReadAsync(KubeApi.Leases, ns, name, cancel), $"reading Lease {ns}/{name}")
            .ConfigureAwait(false);
        HeldBy = lease?.Spec is { } spec ? (spec.HolderIdentity ?? "another run", Until(spec) ?? time.GetUtcNow()) : ("another run", time.GetUtcNow());
        return false;
    }

    private V1LeaseSpec Spec(DateTimeOffset acquired, int transitions, DateTimeOffset now) => new()
    {
        HolderIdentity = holder,
        LeaseDurationSeconds = (int)Math.Ceiling(duration.TotalSeconds),
        AcquireTime = Utc(acquired),
        RenewTime = Utc(now),
        LeaseTransitions = transitions,
    };

    private static DateTimeOffset? Until(V1LeaseSpec spec) =>
        spec.RenewTime is { } renew ? PodSurvey.Utc(renew).AddSeconds(spec.LeaseDurationSeconds ?? 0) : null;

    private static DateTime Utc(DateTimeOffset t) => t.UtcDateTime;
}
