using Trust.Identity;

namespace Trust.Rotation;

/// <summary>Store an anchor and its key in a slot (create or replace the slot's object).</summary>
/// <param name="Slot">Where to store it.</param>
/// <param name="Anchor">The anchor with its key (the key is never null in this step).</param>
/// <param name="IsNew">True when the plan created the anchor (its key exists nowhere else yet).</param>
public sealed record StoreAnchorStep(AnchorSlot Slot, StoredAnchor Anchor, bool IsNew) : RotationStep
{
    /// <inheritdoc />
    public override bool IsWrite => true;

    /// <summary>The anchor as a <c>kubernetes.io/tls</c> Secret's data (tls.crt = ca.crt = the anchor, tls.key its key).</summary>
    /// <exception cref="InvalidOperationException">The anchor has no key (never the case in a plan).</exception>
    public TlsSecret ToTlsSecret() => TlsSecret.Compose([Anchor.Certificate],
        Anchor.Key ?? throw new InvalidOperationException("an anchor is stored with its key"));

    /// <inheritdoc />
    public override string ToString() => $"store {(IsNew ? "new " : "")}{Anchor} as the {Slot.ToString().ToLowerInvariant()} anchor";
}
