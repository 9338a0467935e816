using System.Text.Json.Serialization;

// What the job reads of pods, workloads and cert-manager Certificates: views with only the fields it uses (the JSON
// reader skips the rest). Names and shapes follow the Kubernetes API (core/v1 Pod, apps/v1 workloads).
namespace Trust.Kubernetes.Wire;

internal sealed class PodList
{
    public ListMeta? Metadata { get; set; }

    public List<Pod> Items { get; set; } = [];
}

internal sealed class ListMeta
{
    [JsonPropertyName("continue")]
    public string? Continue { get; set; }
}

internal sealed class Pod
{
    public ObjectMeta? Metadata { get; set; }

    public PodSpec? Spec { get; set; }

    public PodStatus? Status { get; set; }
}

internal sealed class ObjectMeta
{
    public string? Name { get; set; }

    [JsonPropertyName("namespace")]
    public string? Namespace { get; set; }

    public DateTime? CreationTimestamp { get; set; }

    public Dictionary<string, string>? Labels { get; set; }

    public Dictionary<string, string>? Annotations { get; set; }

    public List<OwnerReference>? OwnerReferences { get; set; }
}

internal sealed class OwnerReference
{
    public string Kind { get; set; } = "";

    public string Name { get; set; } = "";

    public bool? Controller { get; set; }
}

internal sealed class PodSpec
{
    public List<Container>? Containers { get; set; }

    public List<Container>? InitContainers { get; set; }
}

internal sealed class Container
{
    public string? Name { get; set; }

    public List<EnvVar>? Env { get; set; }
}

internal sealed class EnvVar
{
    public string? Name { get; set; }

    public string? Value { get; set; }

    public EnvVarSource? ValueFrom { get; set; }
}

internal sealed class EnvVarSource
{
    public KeyReference? ConfigMapKeyRef { get; set; }
}

internal sealed class KeyReference
{
    public string? Name { get; set; }

    public string? Key { get; set; }
}

internal sealed class PodStatus
{
    public DateTime? StartTime { get; set; }

    public List<ContainerStatus>? ContainerStatuses { get; set; }

    public List<ContainerStatus>? InitContainerStatuses { get; set; }
}

internal sealed class ContainerStatus
{
    public string? Name { get; set; }

    public ContainerState? State { get; set; }
}

internal sealed class ContainerState
{
    public RunningState? Running { get; set; }
}

internal sealed class RunningState
{
    public DateTime? StartedAt { get; set; }
}

/// <summary>A Deployment, StatefulSet or DaemonSet: whether its rollout is paused and its pod template's annotations.</summary>
internal sealed class WorkloadObject
{
    public ObjectMeta? Metadata { get; set; }

    public WorkloadSpec? Spec { get; set; }
}

internal sealed class WorkloadSpec
{
    public bool? Paused { get; set; }

    public PodTemplate? Template { get; set; }
}

internal sealed class PodTemplate
{
    public ObjectMeta? Metadata { get; set; }
}

/// <summary>Any object, read only for its existence and metadata.</summary>
internal sealed class ObjectHead
{
    public ObjectMeta? Metadata { get; set; }
}
