"""A full request for quotations with five suppliers (one late, one replaced bid, one
non-compliant), on SQLite and PostgreSQL: the server never holds a price before the opening,
one official alone cannot open, a flipped byte names its supplier at the opening, the acta,
award and order are verifiable, and every refusal writes nothing."""

from decimal import Decimal

import pytest
from sqlalchemy import select, text, update

import procurement_crypto as pc
from kiosk.api import ApiError
from kiosk.api.procurement import OpenedBidIn
from server.audit.models import AuditEntry
from server.procurement.models import Bid
from tests.conftest import table_counts
from tests.procurement.rig import (
    LARCO,
    LIMPIEZA,
    PARDO,
    ROSA_RUC,
    SECOND,
    UTILES,
    committee,
    key,
    pass_deadline,
    prices,
    representative,
    request_body,
)

# Distinctive unit prices, searched for in the whole database before the opening.
ROSA_PAINT, LARCO_PAINT_1, LARCO_PAINT_2 = "61.37", "58.19", "59.83"


def dump_database(database) -> str:
    """Every table's rows as text (what someone with the database could read)."""
    out = []
    with database.engine.connect() as conn:
        for name in table_counts(database):
            for row in conn.execute(text(f"SELECT * FROM {name}")):
                out.append(repr(tuple(row)))
    return "\n".join(out)


async def submit(make_client, cards_dir, req, ruc, paint, brush, **extra):
    client = await representative(make_client, cards_dir, ruc)
    return client, await client.procurement.submit(
        req, ruc=ruc, prices=prices(paint, brush), delivery_days=extra.get("days", 5),
        validity_days=30, idempotency_key=key())


async def test_five_suppliers_sealed_opened_by_both_awarded_and_ordered(
        make_client, cards_dir, database):
    logistica, keys, _files = await committee(make_client)
    req = await logistica.procurement.publish(request_body())
    assert req.state == "publicada" and req.code.startswith("COT-")
    assert req.ocid == f"ocds-mflr26-{req.code}" and len(req.invited) == 5

    rosa, receipt = await submit(make_client, cards_dir, req, ROSA_RUC, ROSA_PAINT, "9.90")
    assert receipt.seq == 1 and not receipt.replaced and len(receipt.fingerprint) == 64
    lines = {line.label.es: line.value for line in receipt.document.lines}
    assert lines["Huella de la cotización sellada"] == receipt.fingerprint
    assert req.code in lines["Solicitud"]
    assert (await rosa.documents.verify(receipt.document.code)).valid
    _, first = await submit(make_client, cards_dir, req, LARCO, LARCO_PAINT_1, "8.00")
    _, replaced = await submit(make_client, cards_dir, req, LARCO, LARCO_PAINT_2, "8.00")
    assert replaced.seq == 2 and replaced.replaced
    assert replaced.fingerprint != first.fingerprint
    await submit(make_client, cards_dir, req, UTILES, "50.00", "5.00")  # cheapest; fails later
    # Pardo's total equals Rosa's: received later, ranked after her.
    await submit(make_client, cards_dir, req, PARDO, ROSA_PAINT, "9.90")

    # Before the opening: ciphertext only, nowhere a price (bids, audit, documents...).
    everything = dump_database(database)
    for price in (ROSA_PAINT, LARCO_PAINT_1, LARCO_PAINT_2, "1227.40", "1321.35"):
        assert price not in everything
    with database.sessionmaker() as db:
        assert all(b.total is None and b.prices is None for b in db.execute(
            select(Bid)).scalars())
    public = await rosa.procurement.request(req.code)
    assert public.bids_received == 4 and all(b.total is None for b in public.bids)
    with pytest.raises(ApiError) as early:
        await logistica.procurement.open(req.code, committee=keys, second_official=SECOND,
                                         second_password="Miraflores2026")
    assert early.value.code == "opening_before_deadline"

    pass_deadline(database, req.code)
    before = table_counts(database)
    with pytest.raises(ApiError) as late:
        await submit(make_client, cards_dir, req, LIMPIEZA, "40.00", "4.00")
    assert late.value.code == "bid_late" and "venció" in late.value.message.es
    assert table_counts(database)["procurement_bids"] == before["procurement_bids"]

    # One official alone: their key peels only their own layer, and the server refuses an
    # opening without the other's password.
    sealed = await logistica.procurement.sealed(req.code)
    assert len(sealed) == 4 and {s.seq for s in sealed if s.ruc == LARCO} == {2}
    raw = pc.unb64(sealed[0].sealed)
    with pytest.raises(pc.BrokenSeal):
        pc.open_with_one(keys.first, raw)
    inner = pc.open_with_one(keys.second, raw)
    assert ROSA_PAINT.encode() not in inner
    with pytest.raises(ApiError) as alone:
        await logistica.procurement.open(req.code, committee=keys, second_official=SECOND,
                                         second_password="wrong")
    assert alone.value.code == "opening_needs_both_officials"
    from kiosk.api.procurement import BidOpeningIn
    with pytest.raises(ApiError) as forged:
        await logistica.procurement.open_with(req.code, BidOpeningIn(
            second_official=SECOND, second_password="Miraflores2026",
            bids=[OpenedBidIn(ruc=s.ruc, plaintext=pc.b64(pc.open_with_one(keys.second,
                                                                           pc.unb64(s.sealed))))
                  for s in sealed]))
    assert forged.value.code == "opening_mismatch"
    assert (await rosa.procurement.request(req.code)).state == "publicada"

    opened = await logistica.procurement.open(req.code, committee=keys, second_official=SECOND,
                                              second_password="Miraflores2026")
    assert opened.state == "abierta" and opened.opening_code
    by_ruc = {b.ruc: b for b in opened.bids}
    assert by_ruc[ROSA_RUC].total == Decimal("1351.15")  # 20 × 61.37 + 12.5 × 9.90 = 1227.40 + 123.75
    assert by_ruc[LARCO].total == Decimal("1296.60") and by_ruc[LARCO].seq == 2  # the last counts
    check = await rosa.documents.verify(opened.opening_code)
    assert check.valid and check.kind == "procurement_opening"

    evaluated = await logistica.procurement.non_compliant(
        req.code, UTILES, reason="No adjunta ficha técnica de la pintura")
    ranks = [(b.ruc, b.rank) for b in evaluated.bids]
    assert ranks == [(LARCO, 1), (ROSA_RUC, 2), (PARDO, 3), (UTILES, None)]
    assert {b.ruc: b.reason for b in evaluated.bids}[UTILES].startswith("No adjunta")
    awarded = await logistica.procurement.award(req.code)
    assert awarded.state == "adjudicada" and awarded.awarded.ruc == LARCO
    assert awarded.awarded_total == Decimal("1296.60")
    ordered = await logistica.procurement.order(req.code)
    assert ordered.state == "con_orden" and ordered.order_number.startswith("OC-")
    for code, kind in ((ordered.award_code, "procurement_award"),
                       (ordered.order_code, "procurement_order")):
        verdict = await rosa.procurement.transport.get(f"/verify/{code}", type(check))
        assert verdict.valid and verdict.kind == kind
    # The supplier sees the result at any kiosk.
    larco = await representative(make_client, cards_dir, LARCO)
    mine = await larco.procurement.mine()
    assert [(r.code, r.state, r.awarded.ruc) for r in mine if r.code == req.code] == [
        (req.code, "con_orden", LARCO)]
    with database.sessionmaker() as db:
        actions = set(db.execute(select(AuditEntry.action).where(
            AuditEntry.action.like("procurement.%"))).scalars())
    assert {"procurement.publish", "procurement.bid.submit", "procurement.open",
            "procurement.non_compliant", "procurement.award", "procurement.order"} <= actions


async def test_a_flipped_byte_is_refused_at_the_opening_with_the_supplier_named(
        make_client, cards_dir, database):
    logistica, keys, _ = await committee(make_client)
    req = await logistica.procurement.publish(request_body())
    await submit(make_client, cards_dir, req, ROSA_RUC, ROSA_PAINT, "9.90")
    await submit(make_client, cards_dir, req, PARDO, "70.00", "9.90")
    with database.sessionmaker() as db:
        bid = db.execute(select(Bid).where(Bid.representative_dni == "08123456")).scalar_one()
        flipped = bytearray(bid.sealed)
        flipped[len(flipped) // 2] ^= 0x01
        db.execute(update(Bid).where(Bid.id == bid.id).values(sealed=bytes(flipped)))
        db.commit()
    pass_deadline(database, req.code)
    opened = await logistica.procurement.open(req.code, committee=keys, second_official=SECOND,
                                              second_password="Miraflores2026")
    refused = {b.ruc: b for b in opened.bids}[PARDO]
    assert refused.compliant is False and "Sello alterado" in refused.reason
    assert refused.total is None
    assert {b.ruc: b.rank for b in opened.bids}[ROSA_RUC] == 1
    rosa = await representative(make_client, cards_dir, ROSA_RUC)
    from kiosk.api.documents import Document
    acta = await rosa.transport.get(f"/api/v1/documents/{opened.opening_code}", Document)
    named = [line.value for line in acta.lines if PARDO in line.label.es]
    assert named and "Sello alterado" in named[0]


async def test_refusals_write_nothing(make_client, cards_dir, database):
    logistica, _keys, _ = await committee(make_client)
    before = table_counts(database)
    with pytest.raises(ApiError) as over:
        await logistica.procurement.publish(request_body(estimated="999999.00"))
    assert over.value.code == "over_small_purchase_cap" and "8 UIT" in over.value.message.es
    with pytest.raises(ApiError) as bad:
        await logistica.procurement.publish(request_body(invited=("20601234566",)))
    assert bad.value.code == "invalid_ruc"
    with pytest.raises(ApiError) as one:
        await logistica.procurement.publish(request_body(committee=["logistica", "logistica"]))
    assert one.value.code == "committee_two_officials"
    assert table_counts(database) == before
    req = await logistica.procurement.publish(request_body(invited=(ROSA_RUC,)))
    before = table_counts(database)
    with pytest.raises(ApiError) as stranger:  # Luis represents Larco, not Rosa's RUC
        larco = await representative(make_client, cards_dir, LARCO)
        await larco.procurement.submit(req, ruc=ROSA_RUC, prices=prices("1", "1"),
                                       delivery_days=3, validity_days=30, idempotency_key=key())
    assert stranger.value.code == "not_a_representative"
    with pytest.raises(ApiError) as uninvited:
        await larco.procurement.submit(req, ruc=LARCO, prices=prices("1", "1"),
                                       delivery_days=3, validity_days=30, idempotency_key=key())
    assert uninvited.value.code == "not_invited"
    after = table_counts(database)
    assert after["procurement_bids"] == before["procurement_bids"]


async def test_a_retried_quotation_is_received_once(make_client, cards_dir, database):
    from kiosk.api.procurement import seal

    logistica, _keys, _ = await committee(make_client)
    req = await logistica.procurement.publish(request_body(invited=(ROSA_RUC,)))
    rosa = await representative(make_client, cards_dir, ROSA_RUC)
    body = seal(req, ruc=ROSA_RUC, prices=prices("10", "2"), delivery_days=5, validity_days=30)
    idem = key()
    first = await rosa.procurement.submit_sealed(req.code, body, idempotency_key=idem)
    again = await rosa.procurement.submit_sealed(req.code, body, idempotency_key=idem)
    assert again.fingerprint == first.fingerprint and again.document.code == first.document.code
    assert again.seq == 1 and not again.replaced
    with database.sessionmaker() as db:
        assert len(db.execute(select(Bid)).scalars().all()) == 1


async def test_a_quotation_that_does_not_add_up_or_is_late_to_deliver_is_not_compliant(
        make_client, cards_dir, database):
    from kiosk.api.procurement import SealedBidIn

    logistica, keys, _ = await committee(make_client)
    req = await logistica.procurement.publish(request_body(invited=(ROSA_RUC, LARCO)))
    first, second = req.committee_keys
    for ruc, total, days in ((ROSA_RUC, "1.00", 5), (LARCO, "262.50", 30)):
        plaintext = pc.bid_plaintext({
            "request": req.code, "ruc": ruc, "total": total, "delivery_days": days,
            "validity_days": 30, "prices": [{"item": 1, "unit_price": "10.00"},
                                            {"item": 2, "unit_price": "5.00"}]})
        body = SealedBidIn(ruc=ruc, sealed=pc.b64(pc.seal_bid(plaintext, first=first,
                                                             second=second)),
                           commitment=pc.commitment(plaintext))
        client = await representative(make_client, cards_dir, ruc)
        await client.procurement.submit_sealed(req.code, body, idempotency_key=key())
    pass_deadline(database, req.code)
    opened = await logistica.procurement.open(req.code, committee=keys, second_official=SECOND,
                                              second_password="Miraflores2026")
    reasons = {b.ruc: b.reason for b in opened.bids}
    assert "no cuadra" in reasons[ROSA_RUC] and "262.50" in reasons[ROSA_RUC]
    assert "Plazo de entrega 30 días" in reasons[LARCO]
    assert all(b.rank is None for b in opened.bids)
    with pytest.raises(ApiError) as nothing:
        await logistica.procurement.award(req.code)
    assert nothing.value.code == "nothing_to_award"
    void = await logistica.procurement.void(req.code, reason="Ninguna cotización cumple")
    assert void.state == "desierta" and void.reason == "Ninguna cotización cumple"
