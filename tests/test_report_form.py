"""The small form beside the Word report buttons: number, date and signer entered before download, kept (AppTest)."""
import datetime

from tests.test_app import app, open_page  # noqa: F401 (app: the fixture)


def test_a_report_s_number_date_and_signer_are_entered_and_kept_for_the_province(app):  # noqa: F811
    app = open_page(app, "plan")
    assert "Số, ngày và người ký" in [e.label for e in app.expander]
    app.text_input(key="sign-number-plan").input("15").run()
    app.date_input(key="sign-date-plan").set_value(datetime.date(2026, 12, 5)).run()
    app.text_input(key="sign-title-plan").input("Phó Giám đốc").run()
    app.text_input(key="sign-name-plan").input("Nguyễn Văn An").run()
    assert not app.exception
    # away and back: the consolidated report's form is pre-filled, for the same province
    app.switch_page("pages/overview.py").run()
    app.switch_page("pages/plan.py").run()
    assert app.text_input(key="sign-number-plan").value == "15"
    assert app.text_input(key="sign-name-plan").value == "Nguyễn Văn An"
    assert app.date_input(key="sign-date-plan").value == datetime.date(2026, 12, 5)
    # an agency signs its own report: its form starts blank, with its head's title offered
    assert app.text_input(key="sign-number-plan-agency").value == ""
    assert app.text_input(key="sign-title-plan-agency").placeholder == "GIÁM ĐỐC"
