from doorstep.resident_reports import services
from doorstep.resident_reports.models import ReportKind


def make_report(*, estate, block=None, kind=ReportKind.FLY_TIPPING, anonymous=True, **details):
    """A report as the public page makes it (through the service)."""
    values = {"name": "Sam Reporter", "phone": "07911 123456", "email": ""} if not anonymous else {}
    values.update(details)
    return services.report_submit(
        kind=kind,
        description="A sofa and a mattress dumped by the bin store.",
        estate=estate,
        block=block,
        location="Behind the bin store",
        anonymous=anonymous,
        **values,
    )
