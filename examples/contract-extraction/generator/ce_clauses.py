"""Phrasing banks for the clauses every kind of contract shares: dates, term, termination notice,
governing law, courts, boilerplate, headings, key-terms labels and page furniture.

Each bank is a list; the chooser keeps the entries at index 3, 7, 11, ... for the held-out split.
Placeholders: {AGR} the document ("this Agreement"), {A} {B} the parties (see ce_types), {d} a date,
{dur} a duration as a noun phrase, {poss} a notice period in the possessive ("ninety (90) days'"),
{np} the same as a plain noun phrase, {law} the governing law, {courts} a court, {k} a clause number.
"""

# --- effective date -----------------------------------------------------------------------------------
# Inside a formal preamble, after 'This Agreement is ...'
PREAMBLE_EFFECTIVE = ["made and entered into as of {d} (the \"Effective Date\")", "effective as of {d}",
                      "entered into with effect from {d}", "made as of {d} (the \"Effective Date\")",
                      "dated as of {d} and effective on that date", "entered into on and effective from {d}"]
PREAMBLE_DATED = ["made on {d}", "dated {d}", "made this {dd}", "entered into on {d}", "signed and dated {d}"]
# Stand-alone sentences.
EFFECTIVE_FORMAL = ["{AGR} shall take effect on {d} (the \"Effective Date\")",
                    "\"Effective Date\" means {d}",
                    "{AGR} shall come into force on {d}",
                    "The Commencement Date is {d}",
                    "{AGR} is effective from {d}",
                    "The parties agree that {AGR} shall be deemed to have commenced on {d}",
                    "With effect from {d} (the \"Commencement Date\"), the parties agree as follows"]
EFFECTIVE_PLAIN = ["{AGR} starts on {d}", "These terms apply from {d}", "Start date: {d}",
                   "{AGR} begins on {d}", "{AGR} takes effect on {d}", "The start date is {d}"]
EMPLOYMENT_START = ["{Bp} employment with {Ao} will begin on {d}", "{Bp} first day of employment will be {d}",
                    "The employment shall commence on {d}", "{B} will start work on {d}",
                    "The Employee's continuous employment begins on {d}"]
EFFECTIVE_AMEND = ["This Amendment takes effect on {d} (the \"Amendment Effective Date\")",
                   "With effect from {d}, the Agreement is amended as follows",
                   "The changes made by this Amendment apply from {d}",
                   "This Amendment is effective as of {d}",
                   "The Amendment Effective Date is {d}"]
DATED_SENTENCES = ["{AGR} is dated {d}", "Date of {AGR}: {d}", "{AGR} is made on {d}", "Dated: {d}",
                   "{AGR} was entered into on {d}"]
# When the text says when it starts without giving a date (the extraction is then null).
NO_DATE = ["{AGR} takes effect on the date on which it has been signed by both parties",
           "{AGR} shall be effective on the date of the last signature below",
           "{AGR} comes into force on signature",
           "{AGR} shall commence on the date set out in the Order Form",
           "The Effective Date will be confirmed in writing by {A}",
           "{AGR} becomes binding on the date of its execution by the last party to sign it"]

NO_DATE_AMEND = ["This Amendment takes effect when it has been signed by both parties",
                 "This Amendment shall be effective on the date of the last signature below",
                 "This Amendment comes into force on signature"]

# --- term ---------------------------------------------------------------------------------------------
TERM_FIXED_FORMAL = ["{AGR} shall commence on the Effective Date and shall continue for {dur} (the \"Initial Term\")",
                     "The term of {AGR} is {dur} from the Commencement Date",
                     "{AGR} shall remain in force for an initial term of {dur}",
                     "Subject to earlier termination, {AGR} shall continue in force for {dur}",
                     "The Term shall be {dur}",
                     "{AGR} is entered into for a fixed term of {dur}",
                     "Unless terminated earlier in accordance with its terms, {AGR} shall have a duration of {dur}",
                     "The Initial Term of {AGR} is {dur}, commencing on the Effective Date"]
TERM_FIXED_PLAIN = ["{AGR} lasts for {dur}", "The initial term is {dur}", "{AGR} runs for {dur} from the start date",
                    "{AGR} is for {dur}", "It lasts {dur} unless ended earlier", "The contract period is {dur}"]
TERM_FIXED_LEASE = ["The Lease is granted for a term of {dur} from the Commencement Date",
                    "{A} lets the Premises to {B} for {dur}",
                    "The Term is {dur} from and including the Term Commencement Date",
                    "The tenancy shall be for {dur}"]
TERM_FIXED_EMPLOY = ["The employment is for a fixed term of {dur}",
                     "{B} is engaged on a fixed-term contract of {dur}",
                     "This is a fixed-term appointment of {dur}",
                     "The appointment shall continue for {dur}"]
TERM_OPEN_FORMAL = ["{AGR} shall commence on the Effective Date and continue until terminated by either party in "
                    "accordance with its terms",
                    "{AGR} shall continue in full force and effect until terminated in accordance with clause {k}",
                    "{AGR} shall remain in force for an indefinite period until terminated",
                    "{AGR} shall continue unless and until terminated by either party",
                    "There is no fixed term: {AGR} shall continue until it is terminated in accordance with its terms"]
TERM_OPEN_PLAIN = ["{AGR} continues until either party ends it", "There is no fixed end date; {AGR} runs until it is ended",
                   "{AGR} keeps running until cancelled", "{AGR} has no end date and continues until terminated"]
TERM_OPEN_YW = ["{AGR} continues until either of us ends it", "{AGR} runs until you or we end it",
                "There is no minimum term; {AGR} continues until one of us cancels it"]
TERM_OPEN_EMPLOY = ["The employment is permanent and shall continue until terminated by either party giving notice",
                    "{Bp} employment is for an indefinite period", "{Bp} employment is permanent",
                    "The employment shall continue until terminated in accordance with clause {k}"]
TERM_UNTIL_FORMAL = ["{AGR} shall expire on {d2}", "The Term shall end on {d2} (the \"Expiry Date\")",
                     "{AGR} shall continue until {d2} unless terminated earlier",
                     "The Term runs from the Effective Date until {d2}",
                     "{AGR} shall terminate automatically on {d2}",
                     "The Term commences on the Effective Date and ends on {d2}"]
TERM_UNTIL_PLAIN = ["{AGR} ends on {d2}", "End date: {d2}", "{AGR} runs until {d2}",
                    "{AGR} will end on {d2}", "It finishes on {d2}"]
TERM_UNTIL_LOAN = ["The Borrower shall repay the Loan in full on {d2} (the \"Maturity Date\")",
                   "The Final Repayment Date is {d2}", "All amounts outstanding shall be repaid no later than {d2}"]
TERM_AMEND = ["The term of the Agreement is extended until {d2}",
              "Clause 2.1 of the Agreement is amended so that the Term ends on {d2}",
              "The parties agree to extend the Agreement until {d2}",
              "The expiry date of the Agreement is changed to {d2}",
              "The Agreement shall now continue until {d2}"]
TERM_REFERENCE = ["The Term is set out in the Order Form", "{AGR} shall continue for the Initial Term specified in "
                  "Schedule 1", "The duration of {AGR} is as stated in the Particulars",
                  "{AGR} shall run for the period shown on the cover page"]
RENEWAL = ["Thereafter {AGR} shall renew automatically for successive periods of {dur2}",
           "On expiry {AGR} shall automatically renew for further terms of {dur2} each",
           "{AGR} will then renew for {dur2} at a time",
           "It shall then continue for successive renewal periods of {dur2}"]
RENEWAL_NOTICE = [" unless either party gives the other at least {np} written notice of non-renewal before the end "
                  "of the then-current term",
                  " unless either party notifies the other in writing not less than {np} before the renewal date "
                  "that it does not wish to renew",
                  " unless either party gives {poss} notice of non-renewal",
                  " unless cancelled by either party on {poss} written notice before the end of the current term"]
RENEWAL_NO_NOTICE = [" unless terminated in accordance with clause {k}", " unless terminated earlier",
                     ", subject to clause {k}"]

CURRENCY_NOTE = ["All sums in {AGR} are expressed in {cur}", "References to \"$\" are to {cur}",
                 "All amounts are in {cur} unless stated otherwise", "Unless otherwise stated, \"$\" means {cur}"]

# --- termination notice -------------------------------------------------------------------------------
NOTICE_FORMAL = ["Either party may terminate {AGR} for convenience upon {poss} prior written notice to the other party",
                 "{AGR} may be terminated by either party on {poss} notice in writing",
                 "Either Party may terminate {AGR} without cause by giving the other Party written notice of not "
                 "less than {np}",
                 "Either party may terminate {AGR} at any time by giving not less than {poss} written notice",
                 "{B} may terminate {AGR} at any time by giving not less than {poss} written notice to {Ao}",
                 "Either party may end {AGR} by serving {poss} notice on the other",
                 "{AGR} may be terminated at any time by either party giving the other at least {np} prior notice in "
                 "writing",
                 "Without prejudice to clause {k}, either party may terminate {AGR} on {poss} written notice"]
NOTICE_PLAIN = ["Either party can end {AGR} by giving the other {poss} written notice",
                "Either side can cancel with {poss} notice",
                "To end {AGR}, {B} must give {Ao} {poss} notice in writing",
                "{B} can cancel at any time on {poss} notice",
                "Either party may end {AGR} with {poss} notice",
                "Either party may terminate by giving {np} of notice in writing"]
NOTICE_YW = ["Either of us can end {AGR} by giving the other {poss} written notice",
             "You can cancel at any time by giving us {poss} notice",
             "You or we may end {AGR} on {poss} notice in writing",
             "If you want to leave, just give us {poss} notice by email"]
NOTICE_EMPLOY = ["After the probationary period, either party may terminate the employment by giving the other {poss} "
                 "written notice", "The notice period is {np} on either side",
                 "Either party may end the employment by giving {poss} notice in writing",
                 "Either party must give {np} of notice in writing to terminate the employment"]
NOTICE_LEASE = ["Either party may terminate {AGR} by giving the other not less than {poss} written notice",
                "{B} may end {AGR} early by giving {Ao} {poss} notice in writing",
                "The Landlord or the Tenant may bring {AGR} to an end on {poss} written notice"]
CURE = ["Either party may terminate {AGR} immediately by written notice if the other party commits a material breach "
        "and fails to remedy it within {np} of being notified of it",
        "If either party breaches {AGR} and does not cure the breach within {np} after written notice, the other party "
        "may terminate {AGR} with immediate effect",
        "{A} may terminate {AGR} forthwith if {B} fails to pay any sum due within {np} of its due date",
        "Either party may terminate {AGR} on written notice if the other becomes insolvent or fails to remedy a material "
        "breach within {np}"]
NOTICE_REFERENCE = ["Either party may terminate {AGR} in accordance with clause {k}",
                    "Termination is governed by the Master Terms",
                    "{AGR} may be terminated as set out in Schedule 4"]

# --- governing law and disputes ----------------------------------------------------------------------
LAW_FORMAL = ["{AGR} and any dispute or claim arising out of or in connection with it shall be governed by and "
              "construed in accordance with {law}",
              "{AGR} shall be governed by {law}, without regard to its conflict of laws principles",
              "The validity, construction and performance of {AGR} shall be governed by {law}",
              "{AGR} is subject to {law}",
              "{AGR} shall be governed by and interpreted in accordance with {law}",
              "This contract and any non-contractual obligations arising out of it are governed by {law}",
              "{AGR} shall in all respects be governed by {law}",
              "All matters arising under {AGR} shall be determined in accordance with {law}"]
LAW_ADJ = ["{adj} governs {AGR}", "{AGR} is governed by {adj}", "{adj} applies to {AGR}",
           "{adj} shall apply", "{AGR} shall be subject to {adj}"]
LAW_PLAIN = ["{AGR} is governed by {law}", "{adj} applies to {AGR}", "{AGR} is subject to {law}",
             "{law_cap} will govern {AGR}"]
CISG = [", excluding the United Nations Convention on Contracts for the International Sale of Goods",
        " (the UN Convention on Contracts for the International Sale of Goods shall not apply)"]
LAW_REFERENCE = ["{AGR} shall be governed by the same law as the Master Agreement",
                 "The governing law is that specified in the Order Form",
                 "{AGR} is governed by the law stated in the Particulars"]
LAW_REFERENCE_AMEND = ["This Amendment is governed by the law that governs the Agreement",
                       "This Amendment shall be governed by the same law as the Agreement",
                       "The governing law clause of the Agreement applies to this Amendment"]
COURTS = ["The parties submit to the exclusive jurisdiction of {courts}",
          "Any dispute arising out of {AGR} shall be subject to the exclusive jurisdiction of {courts}",
          "Each party irrevocably agrees that {courts} shall have exclusive jurisdiction",
          "Proceedings may be brought only in {courts}",
          "The parties consent to the non-exclusive jurisdiction of {courts}"]
ARBITRATION = ["Any dispute arising out of or in connection with {AGR} shall be finally resolved by arbitration under "
               "the {rules} Rules, the seat of arbitration being {city}",
               "Disputes shall be referred to arbitration in {city} in accordance with the {rules} Rules",
               "All disputes shall be settled by a sole arbitrator under the {rules} Rules; the place of arbitration "
               "shall be {city}"]
RULES = ["ICC", "LCIA", "SIAC", "UNCITRAL Arbitration", "HKIAC Administered Arbitration", "DIS Arbitration",
         "SCC Arbitration", "JAMS Comprehensive Arbitration"]

# --- distractors --------------------------------------------------------------------------------------
PAYMENT_TERMS = ["Invoices are payable within {np} of the invoice date",
                 "{B} shall pay each invoice within {np} of receipt",
                 "Payment is due {np} after the end of the month in which the invoice is issued",
                 "All undisputed invoices shall be paid within {np}"]
PERCENTS = ["Late payments shall bear interest at {pct}% per annum above the base rate",
            "Overdue amounts accrue interest at {pct}% per month",
            "Interest on late payment shall accrue at the statutory rate plus {pct}%",
            "Any sum not paid when due shall carry interest at {pct} per cent per annum"]
PERCENTS_BY_KIND = {
    "loan": ["Interest shall accrue on the Loan at {pct}% per annum, calculated daily",
             "Default interest is payable at {pct}% above the contractual rate",
             "The margin is {pct}% per annum over the reference rate",
             "Overdue sums bear interest at {pct}% per annum"],
    "licence": ["{B} shall also pay a royalty of {pct}% of Net Revenue derived from the Software",
                "The Licence Fee shall increase each year by {pct}%", "Late payments bear interest at {pct}% per month"],
    "saas": ["The fees may increase on each renewal by no more than {pct}%",
             "A discount of {pct}% applies to annual prepayment", "Overdue amounts accrue interest at {pct}% per month"],
    "supply": ["A volume discount of {pct}% applies to Orders above the Minimum Order Commitment",
               "Prices may be adjusted annually by up to {pct}%", "Late payments bear interest at {pct}% per annum"],
    "lease": ["The Rent shall be reviewed annually and increased by {pct}%",
              "Arrears of rent carry interest at {pct}% above base rate", "The service charge is {pct}% of the Rent"],
    "employment": ["{B} will be eligible for an annual bonus of up to {pct}% of base salary",
                   "{A} will contribute {pct}% of salary to the pension scheme"],
    "services": ["Late payments bear interest at {pct}% per annum above the base rate",
                 "The Charges shall be indexed annually by {pct}%", "A retention of {pct}% applies until acceptance"],
    "consulting": ["An expenses allowance of up to {pct}% of fees may be claimed",
                   "Late payments carry interest at {pct}% per month"],
    "asset_purchase": ["{pct}% of the Purchase Price shall be held in escrow for twelve months",
                       "The Purchase Price is subject to an adjustment of up to {pct}%"],
    "distribution": ["The Distributor receives a discount of {pct}% on list prices",
                     "Commission of {pct}% is payable on direct sales in the Territory"],
    "sponsorship": ["The Organiser shall pay the Sponsor a rebate of {pct}% if attendance falls short"],
    "equipment_lease": ["Late rental payments carry interest at {pct}% per month",
                        "The rental is indexed annually by {pct}%"],
}
FIRST_PAYMENT = ["The first payment shall be made on {d3}", "The first invoice will be issued on {d3}",
                 "Payment of the first instalment is due on {d3}", "Rent is first payable on {d3}"]
SURVIVAL = ["The obligations in this clause shall survive for {dur3} after termination of {AGR}",
            "These confidentiality obligations continue for {dur3} after {AGR} ends",
            "Clause {k} survives termination for a period of {dur3}"]
PROBATION = ["The first {dur3} of employment shall be a probationary period",
             "{B} will be on probation for {dur3}"]
SIGNATURE_DATE = ["Signed on {d4}", "Executed on {d4}", "Date of signature: {d4}", "Signature date: {d4}",
                  "Signed by both parties on {d4}"]

# --- boilerplate (no field) ---------------------------------------------------------------------------
BOILER = {
    "entire": (["Entire Agreement", "Whole Agreement"],
               ["{AGR} constitutes the entire agreement between the parties and supersedes all prior discussions, "
                "correspondence and understandings relating to its subject matter",
                "{AGR} sets out the whole agreement between the parties; neither party has relied on any statement "
                "not set out in it",
                "{AGR} contains the entire understanding of the parties with respect to its subject matter"],
               ["{AGR} is the whole agreement between the parties", "Nothing said before signing counts unless it is "
                "written in {AGR}"]),
    "severability": (["Severability", "Severance"],
                     ["If any provision of {AGR} is held invalid or unenforceable, the remaining provisions shall "
                      "continue in full force and effect",
                      "Any provision of {AGR} that is found to be illegal shall be deemed modified to the minimum extent "
                      "necessary to make it valid"],
                     ["If a court decides part of {AGR} is invalid, the rest still applies"]),
    "assignment": (["Assignment", "Assignment and Subcontracting"],
                   ["Neither party may assign, transfer or subcontract any of its rights or obligations under {AGR} "
                    "without the prior written consent of the other party",
                    "{B} shall not assign {AGR} without {Ap} prior written consent, such consent not to be "
                    "unreasonably withheld"],
                   ["Neither party can transfer {AGR} to someone else without written permission"]),
    "force": (["Force Majeure"],
              ["Neither party shall be liable for any delay or failure to perform caused by events beyond its "
               "reasonable control, including fire, flood, epidemic, war or governmental action",
               "A party affected by a Force Majeure Event shall promptly notify the other and use reasonable "
               "endeavours to mitigate its effect"],
              ["Neither party is responsible for delays caused by events outside its control, such as floods or strikes"]),
    "notices": (["Notices", "Communications"],
                ["Any notice under {AGR} shall be in writing and delivered by hand, by recorded delivery or by email to "
                 "the address of the recipient set out above",
                 "Notices shall be deemed received two (2) Business Days after posting or, if sent by email, at the "
                 "time of transmission",
                 "All notices must be sent to the registered office of the receiving party, marked for the attention "
                 "of its legal department"],
                ["Notices must be in writing and can be sent by email", "Send any formal notice to the addresses at "
                 "the top of {AGR}"]),
    "counterparts": (["Counterparts"],
                     ["{AGR} may be executed in any number of counterparts, each of which shall constitute an original",
                      "{AGR} may be signed electronically and in counterparts"],
                     ["{AGR} can be signed electronically"]),
    "waiver": (["Waiver", "No Waiver"],
               ["No failure or delay by a party to exercise any right under {AGR} shall operate as a waiver of it",
                "A waiver of any right is only effective if it is in writing"],
               ["If a party does not enforce a right straight away, it can still do so later"]),
    "third": (["Third Party Rights"],
              ["A person who is not a party to {AGR} shall have no right to enforce any of its terms",
               "Nothing in {AGR} confers any rights on any person other than the parties"],
              ["Only the parties can enforce {AGR}"]),
    "data": (["Data Protection"],
             ["Each party shall comply with all applicable data protection legislation in connection with {AGR}",
              "Where {A} processes personal data on behalf of {B}, it shall do so only on {Bp} documented instructions"],
             ["Both parties will follow data protection law", "{A} will only use personal data as {B} instructs"]),
    "warranty": (["Warranties"],
                 ["Each party warrants that it has full power and authority to enter into {AGR}",
                  "{A} warrants that it shall perform its obligations with reasonable skill, care and diligence"],
                 ["Each party confirms it is allowed to sign {AGR}"]),
    "ip": (["Intellectual Property"],
           ["All Intellectual Property Rights in the Deliverables shall vest in {B} upon payment in full",
            "Nothing in {AGR} transfers ownership of any pre-existing intellectual property of either party"],
           ["Each party keeps the intellectual property it already owns"]),
    "confid": (["Confidentiality"],
               ["Each party shall keep confidential all information of a confidential nature disclosed to it by the "
                "other party", "Neither party shall use the other's Confidential Information except to perform {AGR}"],
               ["Each party will keep the other's business information confidential"]),
    "variation": (["Variation", "Amendments"],
                  ["No variation of {AGR} shall be effective unless it is in writing and signed by both parties"],
                  ["Changes to {AGR} must be agreed in writing"]),
    "insurance": (["Insurance"],
                  ["{A} shall maintain in force with a reputable insurer such insurance as is required by law",
                   "{B} shall maintain adequate insurance against its liabilities under {AGR}"],
                  ["{A} will keep appropriate insurance in place"]),
}

# Boilerplate that only some kinds of contract carry (the others: every kind).
BOILER_KINDS = {"ip": ["services", "consulting", "licence", "saas", "sponsorship"],
                "insurance": ["services", "consulting", "lease", "supply", "equipment_lease", "saas", "sponsorship"],
                "data": ["services", "consulting", "saas", "employment", "licence"],
                "confid": ["services", "consulting", "saas", "supply", "licence", "lease", "loan", "employment",
                           "asset_purchase", "distribution", "sponsorship", "equipment_lease", "amendment"]}
# A sum the excerpt does not state but points to.
AMOUNT_REFERENCE = {
    "any": ["{B} shall pay the Fees set out in Schedule 2", "The Charges are set out in the Order Form",
            "{B} shall pay {Ao} the amounts specified in the applicable Statement of Work",
            "Fees are as agreed in the Pricing Schedule"],
    "loan": ["The amount of the Facility is set out in Schedule 1", "The Lender shall advance the Loan in the amount "
             "stated in the Utilisation Request", "The principal amount is as specified in the Particulars"],
    "lease": ["The Rent is set out in the Particulars", "{B} shall pay the rent stated in Schedule 1",
              "The Deposit and the Rent are as shown on the cover page"],
    "employment": ["{Bp} salary is set out in the Schedule", "{B} shall be paid in accordance with the Company's "
                   "pay scales", "Remuneration is as agreed in the offer letter"],
    "asset_purchase": ["The Purchase Price is set out in Schedule 2", "The consideration shall be determined in "
                       "accordance with Schedule 4"],
}
HEADINGS = {
    "parties": ["Parties", "The Parties", "Parties to this Agreement"],
    "date": ["Commencement", "Effective Date", "Commencement Date", "Date"],
    "term": ["Term", "Duration", "Commencement and Duration", "Term of Agreement", "Period of Agreement",
             "Term and Renewal"],
    "payment": ["Fees", "Payment", "Charges", "Consideration", "Fees and Payment", "Payment Terms", "Price and Payment"],
    "rent": ["Rent", "Rent and Deposit", "Rent and Payments"],
    "salary": ["Remuneration", "Salary", "Pay and Benefits", "Compensation"],
    "loan": ["The Loan", "The Facility", "Amount of the Loan", "Loan and Repayment"],
    "termination": ["Termination", "Termination for Convenience", "Termination Rights", "Notice of Termination",
                    "Ending this Agreement"],
    "law": ["Governing Law", "Applicable Law", "Law and Jurisdiction", "Governing Law and Jurisdiction",
            "Choice of Law"],
    "disputes": ["Jurisdiction", "Dispute Resolution", "Disputes", "Arbitration"],
    "subject": ["Scope", "Obligations", "General Obligations", "Undertakings"],
    "liability": ["Limitation of Liability", "Liability", "Limits on Liability"],
    "recitals": ["Recitals", "Background", "Whereas"],
}
SUBJECT_HEADS = {"saas": ["Services", "Access to the Platform"], "services": ["Services", "Scope of Services"],
                 "nda_mutual": ["Confidential Information", "Purpose"], "nda_oneway": ["Confidentiality Obligations"],
                 "lease": ["The Premises", "Use of the Premises"], "supply": ["Supply", "Delivery"],
                 "licence": ["Grant of Licence", "Licence Restrictions"], "employment": ["Duties", "Hours and Holiday"],
                 "consulting": ["Services", "Status of the Consultant"], "loan": ["Purpose", "Interest and Repayment"],
                 "asset_purchase": ["Sale and Purchase", "Completion"], "distribution": ["Appointment", "Distributor's "
                 "Obligations"], "sponsorship": ["Sponsorship Rights", "Benefits"],
                 "equipment_lease": ["The Equipment", "Use and Return"]}
PLAIN_HEADINGS = {
    "term": ["How long this agreement lasts", "Term", "How long it runs", "Duration"],
    "payment": ["What you pay", "Fees", "Payment", "Money", "Price"],
    "termination": ["Ending the agreement", "Cancelling", "How to end it", "Termination"],
    "law": ["Which law applies", "Governing law", "Law", "Legal bits"],
    "date": ["Start date", "When it starts", "Starting"],
    "parties": ["Who this agreement is between", "The parties", "Who we are"],
    "subject": ["What we provide", "The service", "What is covered", "The deal"],
    "liability": ["Liability", "Our liability", "Limits"],
}

# --- key terms (cover page, order form, schedule of particulars) ---------------------------------------
KT_TITLES = ["KEY TERMS", "ORDER FORM", "SCHEDULE 1 – PARTICULARS", "Summary of Key Terms", "TERM SHEET", "Cover Page",
             "PARTICULARS", "Key Commercial Terms", "Schedule A: Key Details", "Contract Details"]
KT_SEPS = [": ", ": ", " – ", "  ", " .......... ", ": "]
KT_DATE = {"effective": ["Effective Date", "Commencement Date", "Start Date", "Effective date", "Date of Commencement"],
           "dated": ["Date", "Date of Agreement", "Agreement Date", "Dated"]}
KT_TERM = ["Term", "Initial Term", "Duration", "Contract Term", "Period"]
KT_EXPIRY = ["Expiry Date", "End Date", "Term End", "Termination Date"]
KT_LAW = ["Governing Law", "Governing law", "Applicable Law", "Law", "Governing Law and Jurisdiction"]
KT_NOTICE = ["Termination Notice", "Notice Period", "Termination for Convenience", "Notice to Terminate",
             "Termination"]
KT_PARTY_TERM_UPPER = False
KT_AMOUNT = {"sub_fee": ["Subscription Fee", "Fees", "Subscription Charges"],
             "setup_fee": ["Implementation Fee", "Set-up Fee", "Onboarding Fee"],
             "arr_fee": ["Arrangement Fee", "Facility Fee"],
             "service_fee": ["Service Fee", "Charges", "Fees"], "hourly": ["Hourly Rate", "Rate"],
             "day_rate": ["Day Rate", "Daily Fee"], "retainer": ["Retainer", "Monthly Retainer"],
             "rent": ["Rent", "Base Rent", "Rent Payable"], "deposit": ["Security Deposit", "Deposit", "Rent Deposit"],
             "licence_fee": ["Licence Fee", "License Fee", "Fees"], "support_fee": ["Support Fee", "Maintenance Fee"],
             "unit_price": ["Unit Price", "Price"], "total_price": ["Purchase Price", "Consideration"],
             "min_purchase": ["Minimum Purchase Commitment", "Minimum Order Value"],
             "principal": ["Loan Amount", "Principal", "Facility Amount"],
             "salary": ["Salary", "Base Salary", "Annual Salary"], "bonus": ["Signing Bonus", "Sign-on Bonus"],
             "late_fee": ["Late Payment Fee", "Late Fee"], "cap": ["Liability Cap", "Limit of Liability"],
             "sponsor_fee": ["Sponsorship Fee"], "equip_rent": ["Rental", "Hire Charges", "Rent"]}
KT_OPEN_TERM = ["until terminated by either party", "rolling; continues until terminated", "indefinite (until terminated)",
                "no fixed term – until terminated"]
KT_NOTICE_VALUE = ["{np} written notice by either party", "{np}", "either party on {poss} notice", "{np} prior written notice"]

# --- page furniture and OCR ---------------------------------------------------------------------------
FURNITURE = ["Page {p} of {q}", "- {p} -", "CONFIDENTIAL", "Initials: ____ / ____", "[Signature page follows]",
             "Draft for discussion – subject to contract", "{p}", "Strictly Private & Confidential",
             "Ref: {ref}", "Execution version"]
OCR_SWAPS = {"the": ["tbe", "th e", "tlie"], "shall": ["shal1", "sha11", "shail"], "Agreement": ["Agreernent", "Agree ment",
             "Agreemcnt"], "and": ["arid", "an d"], "Party": ["Partv", "Par ty"], "party": ["partv", "pa rty"],
             "of": ["o f", "0f"], "terminate": ["termi nate", "terrninate"], "written": ["writtcn", "wri tten"],
             "notice": ["notlce", "no tice"], "payable": ["payab1e", "pay able"], "which": ["wliich"],
             "this": ["tliis", "th is"], "with": ["witli", "wi th"], "Clause": ["C1ause"], "Section": ["Secti on"],
             "accordance": ["accordarice"], "parties": ["partles"], "following": ["fol1owing"], "in": ["ln"],
             "any": ["arny"], "by": ["bv"], "from": ["frorn"], "time": ["tirne"], "month": ["rnonth"]}

# --- letters ------------------------------------------------------------------------------------------
LETTER_SUBJECTS = {
    "employment": ["Offer of employment", "Your contract of employment", "Offer of employment – {job}",
                   "Terms and conditions of employment"],
    "consulting": ["Consultancy engagement", "Letter of engagement", "Engagement as consultant"],
    "services": ["Letter of engagement", "Engagement letter for {trade_lc} services", "Terms of engagement"],
    "loan": ["Facility letter", "Loan offer", "Offer of term loan facility"],
    "amendment": ["Amendment to our {base_title}", "Variation of the {base_title}", "Letter amendment"],
}
LETTER_OPENERS = {
    "employment": ["We are delighted to offer you the position of {job} at {Aname}",
                   "Following your recent interview, I am pleased to confirm our offer of employment as {job} with {Aname}",
                   "This letter sets out the terms on which {Aname} will employ you as {job}"],
    "consulting": ["This letter confirms the terms on which you will provide consultancy services to {Aname}",
                   "We are pleased to engage you as a consultant to {Aname}",
                   "{Aname} wishes to engage you as an independent consultant on the terms below"],
    "services": ["Thank you for instructing {Aname}. This letter sets out the terms of our engagement",
                 "We are pleased to confirm that {Aname} will provide {trade_lc} services to you"],
    "loan": ["{Aname} is pleased to offer you a term loan facility on the terms of this letter",
             "We confirm our offer to lend to you on the following terms"],
    "amendment": ["We refer to the {base_title} between us dated {d_old} (the \"Agreement\")",
                  "This letter amends the {base_title} dated {d_old} between {Aname} and {Bname}"],
}
LETTER_CLOSERS = ["Please sign and return a copy of this letter to confirm your acceptance.",
                  "Kindly countersign this letter to indicate your agreement.",
                  "If you agree, please sign below and return a copy to us.",
                  "We look forward to working with you."]
SIGNOFFS = ["Yours sincerely", "Kind regards", "Yours faithfully", "Best regards"]
POSITIONS = ["Director", "Managing Director", "Head of People", "Chief Executive Officer", "General Counsel",
             "Authorised Signatory", "Partner", "Company Secretary", "HR Manager", "Chief Financial Officer"]

CROSS_REFS = [" (see clause {k})", ", subject to clause {k},", " in accordance with Schedule {s}", " (as defined in clause 1)",
              " pursuant to Section {k}", ", save as provided in clause {k}.{j},"]
