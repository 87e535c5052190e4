"""The systems tickets are about: 20 kinds seen in the session and 2 kept for the held-out split only.

Each kind carries its products (as people name them), what people do with it, its error messages, and
phrasing banks for each situation a ticket can describe. Templates use {p} (the product), {err} (an error
message), {act} (what cannot be done), {n} (a small number). Banks of four or more entries lose every fourth
entry to the held-out split (see tt_words.Chooser), so the held-out tickets name products and describe
problems partly in words the session never shows.

`critical`: an outage of it for a whole site, the company or its customers stops the business (the rule for
urgent). `stakes`: what is at stake when it fails (revenue, payroll, customers, legal, exec); `alert`: host
name stems for monitoring alerts, with the checks of each severity.
"""


class Kind:
    def __init__(self, key, label, critical, **banks):
        self.key = key
        self.label = label
        self.critical = critical
        self.held_out = banks.pop("held_out", False)
        self.customer_facing = banks.pop("customer_facing", False)
        self.stakes = banks.pop("stakes", [])
        self.hosts = banks.pop("hosts", [])
        self.alerts = banks.pop("alerts", {})
        self.teams = banks.pop("teams", None)
        self.max_scope = banks.pop("max_scope", None)
        self.device_scope = banks.pop("device_scope", False)
        for k, v in banks.items():
            setattr(self, k, v)


K = Kind
KINDS = [
    K("email", "email and calendar", True,
      products=["Outlook", "email", "Exchange", "the shared mailbox", "webmail", "Gmail", "the mail server",
                "Outlook on my Mac"],
      acts=["send or receive email", "send emails", "get any mail", "open our mailboxes", "send invoices by email",
            "reply to customers"],
      errors=["0x800CCC0E", "550 5.7.1 Relay access denied", "Cannot connect to the server",
              "The operation failed", "Error 0x80040115", "421 4.3.2 Service not available",
              "Your mailbox is full", "Something went wrong [2603]"],
      outage=["{p} has stopped working", "nothing is coming into {p}", "{p} won't connect, it shows {err}",
              "{p} is down", "outgoing mail bounces with {err}", "{p} just says {err}"],
      faults=["{p} keeps saying {err} and I can't {act}", "my mailbox is full and I can't send anything",
              "I can't log in to {p} since the password change", "{p} crashes as soon as I open it",
              "every mail I send comes back with {err}", "my {p} is stuck on 'Loading profile'"],
      annoy=["{p} asks for my password again every morning", "the search in {p} doesn't find older mails",
             "calendar invites arrive twice in {p}", "{p} shows the wrong time zone on meeting invites",
             "my signature keeps disappearing in {p}", "attachments over 10 MB bounce in {p}"],
      degraded=["mails take 20 to 40 minutes to arrive", "{p} is very slow and freezes for a minute at a time",
                "some outgoing mails are delayed by an hour", "{p} disconnects every few minutes"],
      cosmetic=["the logo in my email signature looks blurry", "the font in {p} changed to something tiny",
                "the colour categories in {p} are all grey now", "the out-of-office template has a typo in it",
                "my profile photo in {p} is sideways"],
      requests=["could you set up a shared mailbox for the events team", "please add Jana to the sales-all "
                "distribution list", "can I get an alias address for the newsletter", "we'd like a room mailbox "
                "for the new meeting room", "could my mailbox quota be raised a bit", "please create a "
                "distribution list for the project group"],
      needed=["I need access to the accounts@ shared mailbox to cover for a colleague this week",
              "I need send-as rights on the support mailbox for the rota that starts on Monday"],
      questions=["how do I set up an out-of-office reply in {p}", "how can I share my calendar with my assistant",
                 "is there a way to recall an email I sent by mistake", "how do I add the shared mailbox on my "
                 "phone", "how do I stop {p} from grouping mails into conversations"],
      workarounds=["webmail still works", "I can send from my phone for now", "Outlook on the web works fine",
                   "a colleague is forwarding things to me meanwhile"],
      stakes=["customers", "legal", "exec", "revenue"],
      hosts=["mail-01", "exch-02", "smtp-relay-01", "mx-gw-02"],
      alerts={"down": [("SMTP", "SMTP service not responding on port 25"),
                       ("mail queue", "mail transport service stopped; queue frozen")],
              "critical": [("mail queue", "outbound queue at 4,812 messages (threshold 500)"),
                           ("certificate", "TLS certificate for mail expires in 2 days"),
                           ("disk", "mailbox database volume 96% full")],
              "warn": [("disk", "mailbox database volume 81% full"), ("certificate",
                        "TLS certificate for mail expires in 24 days"), ("mail queue",
                        "outbound queue at 140 messages (threshold 100)")]}),
    K("vpn", "VPN and remote access", True,
      products=["the VPN", "GlobalProtect", "AnyConnect", "the Citrix portal", "FortiClient", "remote desktop",
                "the VPN client", "the RDP gateway"],
      acts=["connect from home", "reach the network from home", "work remotely", "get to the file shares from "
            "home", "log in remotely"],
      errors=["Gateway not responding", "Authentication failed", "The VPN connection was terminated",
              "Error 809", "Portal not reachable", "Login failed: certificate invalid",
              "Connection timed out", "Error 691"],
      outage=["{p} is not accepting connections, everyone gets {err}", "{p} is down",
              "nobody can connect to {p}", "{p} fails with {err} for everyone who tries",
              "{p} login page doesn't load at all"],
      faults=["I can't connect to {p}, it says {err}", "{p} rejects my login with {err}", "{p} connects and "
              "then drops straight away so I can't {act}", "my {p} certificate expired and now I can't {act}",
              "{p} hangs on 'Connecting' forever"],
      annoy=["{p} drops once or twice a day and I have to reconnect", "{p} asks me to log in twice every time",
             "{p} takes about five minutes to connect in the morning", "{p} disconnects when my laptop sleeps"],
      degraded=["{p} drops every 10 minutes", "{p} is very slow, file copies crawl", "{p} keeps disconnecting "
                "and reconnecting", "{p} is so slow that remote desktop sessions freeze"],
      cosmetic=["the {p} icon in the taskbar shows a red cross even when I'm connected", "the {p} window is "
                "in German since the update", "the {p} login screen still shows the old logo"],
      requests=["can I get VPN access so I can work from home on Fridays", "please install {p} on my new "
                "laptop when you have time", "could we get a second VPN profile for the test network",
                "would it be possible to get remote access for our summer intern next month"],
      needed=["I need VPN access set up before I travel to the client next week", "I'm working from home "
              "from Wednesday after surgery and need {p} set up"],
      questions=["how do I know if I'm connected to {p}", "do I need {p} to open SharePoint from home",
                 "can I use {p} from a hotel Wi-Fi", "is there a way to make {p} start automatically"],
      workarounds=["I can use webmail and Teams without it", "I can come into the office instead",
                   "the backup gateway works for me", "I'm using my hotspot and it works that way"],
      stakes=["revenue", "customers", "exec"],
      hosts=["vpn-gw-01", "vpn-gw-02", "citrix-gw-01", "rdgw-01"],
      alerts={"down": [("VPN gateway", "VPN gateway unreachable; 0 active tunnels (normally 300+)"),
                       ("HTTPS", "remote access portal returns HTTP 503")],
              "critical": [("licences", "VPN concurrent licences 98% used"), ("certificate",
                            "gateway certificate expires in 3 days"), ("HA", "VPN cluster running on one node, "
                                                                             "peer down")],
              "warn": [("CPU", "gateway CPU at 82% for 15 minutes"), ("certificate",
                        "gateway certificate expires in 28 days"), ("licences", "VPN licences 85% used")]}),
    K("erp", "ERP", True,
      teams=["finance", "accounts payable", "purchasing", "logistics", "the warehouse", "accounts receivable",
             "customer service"],
      products=["SAP", "the ERP", "Dynamics NAV", "Oracle", "NetSuite", "Odoo", "the ERP system", "Business Central"],
      acts=["post invoices", "create orders", "ship anything", "book goods in", "run the month-end close",
            "release purchase orders", "print delivery notes"],
      errors=["Runtime error TSV_TNEW_PAGE_ALLOC_FAILED", "Update was terminated", "ORA-12541: TNS:no listener",
              "The server is not available", "Posting period not open", "Lock table overflow",
              "Connection to the application server lost", "Internal server error"],
      outage=["{p} is down", "{p} won't let anyone log in, it says {err}", "{p} shows {err} for every user",
              "{p} hangs on the login screen for everybody", "{p} is completely unreachable"],
      faults=["I can't {act} in {p}, it gives {err}", "{p} says {err} when I post anything", "my {p} user is "
              "locked and I can't {act}", "{p} crashes every time I open the order screen",
              "I get {err} in {p} so I can't {act}"],
      annoy=["{p} logs me out after five minutes of not typing", "a report in {p} shows the columns in the wrong "
             "order", "{p} asks me to pick the company code every time", "exporting to Excel from {p} loses the "
             "leading zeros"],
      degraded=["{p} takes a minute for every screen", "{p} is extremely slow, saving an order takes ages",
                "{p} freezes for a few minutes every hour", "reports in {p} time out half the time"],
      cosmetic=["a field label in {p} says 'Adress'", "the {p} start screen shows last year's banner",
                "the icons in {p} look pixelated on my new monitor"],
      requests=["could we get a new report in {p} for stock by supplier", "please add a field for the "
                "customer's PO number to the order screen", "can the {p} invoice layout get our new logo",
                "we'd like a training session on {p} for two new colleagues", "can I get read access to the "
                "cost centre reports in {p}"],
      needed=["I need posting rights in {p} for the new cost centre before month end next week",
              "I've taken over purchasing from Tom and need his approval role in {p} this week"],
      questions=["how do I reprint an invoice in {p}", "where do I find the open orders report in {p}",
                 "can I change the default printer for delivery notes", "how do I save a layout in {p}"],
      workarounds=["we can take orders on paper for now", "a colleague can post them from her login",
                   "the web client still works", "we can enter them tomorrow"],
      stakes=["revenue", "payroll", "customers"],
      hosts=["erp-app-01", "erp-db-01", "sap-prd-02", "nav-sql-01"],
      alerts={"down": [("HTTP", "ERP application server not responding (HTTP 502)"),
                       ("database", "ERP database instance down")],
              "critical": [("disk", "ERP database log volume 95% full"), ("jobs", "nightly MRP run failed "
                            "3 nights in a row"), ("replication", "ERP standby 2 hours behind")],
              "warn": [("disk", "ERP archive volume 80% full"), ("CPU", "application server CPU 85% for 20 "
                        "minutes"), ("jobs", "one batch job ran 40% longer than usual")]}),
    K("payroll", "payroll and HR", True,
      teams=["payroll", "HR", "finance", "the board office", "recruitment"],
      products=["the payroll system", "ADP", "Workday", "the HR portal", "the time clock", "Personio",
                "the timesheet app", "Sage Payroll"],
      acts=["run payroll", "submit the payroll file", "approve timesheets", "see payslips", "export the "
            "bank file", "enter hours", "book holidays"],
      errors=["Export failed: file locked", "Session expired", "Error 500", "Calculation aborted",
              "Access denied", "Invalid bank file format", "Could not connect to the database",
              "Batch job failed"],
      outage=["{p} is down", "{p} won't load for anyone, it says {err}", "{p} is unreachable",
              "{p} gives {err} to everyone", "the login to {p} fails for all of us"],
      faults=["I can't {act}, {p} says {err}", "{p} throws {err} when I try to {act}", "my account in {p} is "
              "locked so I can't {act}", "{p} crashes on the export step"],
      annoy=["{p} shows my holiday balance wrong", "{p} logs me out every ten minutes", "I get two "
             "reminder mails a day from {p}", "the {p} app on my phone forgets my login"],
      degraded=["{p} is very slow today", "{p} takes ages to load the timesheets", "{p} times out every "
                "few tries", "saving in {p} takes a minute each time"],
      cosmetic=["my name is spelled wrong in the {p} header", "the {p} dashboard shows the old company logo",
                "the dates in {p} are in US format"],
      requests=["can we get a report of overtime by team in {p}", "please give our new team lead access to "
                "approve holidays", "could {p} send a reminder before timesheets are due",
                "can the new starters form in {p} get a field for the bike scheme"],
      needed=["I need approval rights in {p} for my team; I've been their manager since Monday",
              "I need access to the leave reports in {p} for the audit next week"],
      questions=["how do I download my payslips from {p}", "where do I change my bank details in {p}",
                 "how do I correct a timesheet I already submitted", "can I book half days in {p}"],
      workarounds=["we can key the hours in by hand", "the bank accepts the file by email as a fallback",
                   "my manager can approve it for me", "the old export still works"],
      stakes=["payroll", "legal"],
      hosts=["pay-app-01", "pay-db-01", "hr-web-02", "tc-sync-01"],
      alerts={"down": [("HTTPS", "payroll application returns HTTP 500"), ("database",
                        "payroll database not accepting connections")],
              "critical": [("jobs", "payroll bank file export job failed twice"), ("disk",
                            "payroll database volume 94% full"), ("interface", "time clock sync failed for 26 "
                                                                                "hours")],
              "warn": [("jobs", "time clock sync delayed 45 minutes"), ("disk", "HR document store 79% full"),
                       ("certificate", "HR portal certificate expires in 21 days")]}),
    K("crm", "CRM", True,
      teams=["sales", "customer service", "marketing", "the call centre", "account management"],
      products=["Salesforce", "the CRM", "HubSpot", "Dynamics CRM", "Zoho", "the customer database",
                "Pipedrive", "our CRM"],
      acts=["see customer records", "log calls", "create quotes", "update the pipeline", "look up accounts",
            "send quotes to customers"],
      errors=["Insufficient privileges", "Unable to process request", "Error ID: 1839204752-33019",
              "Session timed out", "Service unavailable", "Record is locked", "Invalid session ID",
              "Too many requests"],
      outage=["{p} is down", "{p} won't load for anyone", "{p} gives {err} to the whole office",
              "nobody can log in to {p}", "{p} shows {err} on every page"],
      faults=["I can't {act}, {p} says {err}", "{p} won't let me log in since this morning", "I get {err} "
              "in {p} when I open any account", "my {p} licence seems to be gone and I can't {act}"],
      annoy=["{p} duplicates some contacts when I import", "the {p} Outlook plugin disappears now and then",
             "{p} reports don't remember my filters", "{p} on my phone is slow to sync"],
      degraded=["{p} takes 30 seconds for each record", "{p} is painfully slow today", "search in {p} "
                "times out", "{p} keeps dropping our sessions"],
      cosmetic=["the {p} home page has a broken image", "the currency symbol in {p} is in the wrong place",
                "the {p} logo in the email templates is cut off"],
      requests=["could we add a field for 'preferred language' in {p}", "please set up a new pipeline stage "
                "for trials", "can I get a dashboard for my region in {p}", "can we get {p} licences for the "
                "two interns next month", "would it be possible to connect {p} to our newsletter tool"],
      needed=["I need a {p} licence for the new account manager who starts next week",
              "I need edit rights on the key accounts in {p} now that I've taken over the north region"],
      questions=["how do I merge two duplicate accounts in {p}", "how do I export my contacts from {p}",
                 "where do I find the call log report", "can I change the owner of an account myself"],
      workarounds=["I can use the phone app", "my colleague can look things up for me", "we have the "
                   "spreadsheet export from yesterday", "the classic view still works"],
      stakes=["revenue", "customers"],
      hosts=["crm-sync-01", "crm-int-02"],
      alerts={"down": [("integration", "CRM integration service down; no orders synced")],
              "critical": [("API", "CRM API limit 97% used"), ("integration", "CRM sync failing for 3 hours")],
              "warn": [("API", "CRM API limit 80% used"), ("integration", "CRM sync delayed 20 minutes")]}),
    K("printers", "printers and scanners", False,
      products=["the printer on {floor}", "the big Xerox", "the HP LaserJet", "the plotter", "the colour printer",
                "scan-to-email", "the Ricoh by reception", "the printer in the post room"],
      acts=["print", "scan anything", "print contracts", "print labels", "print the board packs"],
      errors=["Paper jam in tray 2", "Offline", "Error 49.4C02", "SC542", "Toner low",
              "Job stuck in queue", "Cannot connect to SMTP server", "Driver is unavailable"],
      outage=["{p} is offline", "{p} doesn't print anything, jobs just sit in the queue", "{p} shows {err} and "
              "nothing comes out", "{p} is dead"],
      faults=["{p} prints blank pages", "my jobs to {p} vanish and nothing prints", "{p} says {err} every "
              "time I send something", "I can't add {p} on my laptop, it says {err}"],
      annoy=["{p} prints everything double-sided even when I say single", "{p} is slow to wake up",
             "{p} jams about once a day", "scans from {p} arrive as huge files", "{p} prints a blank page "
             "after every job"],
      degraded=["{p} prints very slowly", "{p} jams every few pages", "{p} drops half the jobs",
                "scanning on {p} fails about half the time"],
      cosmetic=["the display on {p} is in French", "{p} has a streak down the left side of every page",
                "the label with the printer name has fallen off {p}"],
      requests=["could we get a printer in the new project room", "please install {p} on my laptop",
                "can we get more toner for {p}", "could scan-to-email also send to my personal folder",
                "can we have a second tray with A3 paper for {p}"],
      needed=["I need {p} added to my laptop; I moved desks and can't print to the old one"],
      questions=["how do I print in colour on {p}", "how do I scan to a USB stick", "can I print from my phone "
                 "to {p}", "where do I pick up secure print jobs"],
      workarounds=["the printer on the other floor works", "I can print at reception", "we can scan with our "
                   "phones for now", "the second printer next to the kitchen still works"],
      stakes=["legal", "exec"],
      hosts=["print-srv-01"],
      alerts={}),
    K("laptops", "laptops and desktops", False, max_scope="few",
      products=["my laptop", "my ThinkPad", "my MacBook", "the desktop PC", "my docking station", "my Dell",
                "my work laptop", "my Surface"],
      acts=["work", "log in", "open anything", "do my job", "charge it"],
      errors=["INACCESSIBLE_BOOT_DEVICE", "BitLocker recovery key needed", "No bootable device",
              "CRITICAL_PROCESS_DIED", "The trust relationship between this workstation and the primary "
              "domain failed", "Disk full", "Kernel panic", "Battery not detected"],
      outage=["{p} won't boot", "{p} shows {err} on start", "{p} is completely dead", "{p} is stuck on {err}"],
      faults=["{p} won't start, it shows {err}", "{p} asks for a BitLocker key I don't have", "I dropped {p} "
              "and the screen is black", "{p} won't let me log in: {err}", "{p} restarts every few minutes"],
      annoy=["the battery on {p} only lasts an hour", "{p} fan is really loud", "the keyboard on {p} has a "
             "sticky space bar", "{p} is slow to wake from sleep", "{p} takes ten minutes to start up"],
      degraded=["{p} is very slow since the update", "{p} freezes for a few seconds all the time",
                "{p} overheats and slows down", "{p} keeps losing the Wi-Fi"],
      cosmetic=["there's a scratch on the screen of {p}", "the wallpaper on {p} keeps resetting",
                "one key on {p} has lost its letter", "the login screen on {p} shows someone else's name"],
      requests=["could I get a second monitor", "can I get a new mouse, the wheel is worn", "I'd like a "
                "laptop stand for my desk", "please order a headset for me", "could my laptop be upgraded "
                "to 32 GB", "can I get a USB-C adapter for presentations"],
      needed=["I need a laptop for the new colleague starting next Monday",
              "I need a loan laptop for a trade fair next week"],
      questions=["how do I connect two monitors to {p}", "how do I encrypt a USB stick", "is it OK to install "
                 "updates during the day", "how do I change the default browser"],
      workarounds=["I'm using a spare laptop for now", "I can work on the desktop in the meeting room",
                   "I borrowed a colleague's PC for the day", "an external keyboard works"],
      stakes=["exec", "legal", "customers"],
      hosts=[],
      alerts={}),
    K("phones", "phones and mobiles", True,
      teams=["the call centre", "sales", "customer service", "reception", "the support desk"],
      products=["the desk phones", "the softphone", "the call centre phones", "my company mobile",
                "Teams calling", "the switchboard", "my iPhone", "the hunt group"],
      acts=["make or take calls", "take customer calls", "call out", "answer the hotline", "dial external "
            "numbers"],
      errors=["No service", "Registration failed", "Call failed", "SIP 503", "Line unavailable",
              "SIM not provisioned", "Device not enrolled", "Emergency calls only"],
      outage=["there is no dial tone on {p}", "{p}: {err}, and calls don't come through", "incoming calls don't "
              "reach {p}", "nothing works on {p}, it just shows {err}", "calls to and from {p} fail"],
      faults=["I get {err} on {p} and can't {act}", "my extension doesn't ring any more", "{p} gives me {err} "
              "since the update", "I can't {act} from {p}"],
      annoy=["voicemail on {p} doesn't send me an email any more", "calls on {p} ring on my laptop and phone twice",
             "the screen brightness on {p} is very dim", "calls on {p} drop now and then", "the battery on {p} dies by lunch"],
      degraded=["call quality on {p} is terrible, people sound robotic", "calls on {p} drop after a few "
                "minutes", "there's a three-second delay on {p}", "there is echo on every call on {p}"],
      cosmetic=["the display name on {p} shows my old surname", "the clock on {p} is an hour off",
                "the ringtone on {p} is very loud"],
      requests=["could I get a company mobile", "please set up call forwarding to my mobile", "can we add a "
                "new option to the hotline menu for returns", "can I get a headset for {p}", "could my desk "
                "phone be moved to my new desk"],
      needed=["I need a phone extension for the new colleague starting on Monday"],
      questions=["how do I set up voicemail on {p}", "how do I transfer a call to another team",
                 "can I use {p} abroad", "how do I change my greeting"],
      workarounds=["we can call back from mobiles", "calls go to voicemail and we ring back", "the backup "
                   "number still works", "I can use Teams on my laptop instead"],
      stakes=["revenue", "customers", "exec"],
      hosts=["pbx-01", "sbc-edge-01"],
      alerts={"down": [("SIP trunk", "SIP trunk down; 0 of 60 channels registered")],
              "critical": [("SIP trunk", "SIP trunk on backup carrier only"), ("calls", "call failure "
                            "rate 35% in the last 15 minutes")],
              "warn": [("calls", "call failure rate 4% in the last hour"), ("disk", "call recording volume "
                        "83% full")]}),
    K("network", "Wi-Fi and network", True,
      products=["the Wi-Fi", "the internet", "the office network", "the guest Wi-Fi", "the wired network",
                "the network in {room}", "the LAN", "eduroam"],
      acts=["get online", "reach anything", "load any website", "connect to anything", "print or reach the "
            "shared drives"],
      errors=["No internet, secured", "DNS_PROBE_FINISHED_NO_INTERNET", "Limited connectivity",
              "Can't connect to this network", "IP address conflict", "Authentication timeout",
              "ERR_CONNECTION_TIMED_OUT", "No valid IP configuration"],
      outage=["{p} is down", "there is no internet at all", "{p} is gone, nobody can {act}", "{p} shows {err} "
              "on every device", "{p} stopped working"],
      faults=["my laptop won't join {p}, it says {err}", "I get {err} on {p} and can't {act}", "the network "
              "port at my desk is dead", "{p} connects but I can't {act}"],
      annoy=["{p} drops for a few seconds every hour", "{p} is weak at my desk", "I have to reconnect to "
             "{p} after lunch every day", "{p} asks me to log in again every day"],
      degraded=["{p} is crawling", "{p} keeps dropping for a minute at a time", "{p} is so slow video calls "
                "freeze", "half the pages time out on {p}"],
      cosmetic=["the Wi-Fi network still has the old company name", "the guest Wi-Fi welcome page has a "
                "typo", "the network cables under my desk are a mess"],
      requests=["could we get Wi-Fi in the garden meeting area", "can we have a guest Wi-Fi voucher for a "
                "visitor next week", "please add a network port in the new storeroom", "could the guest "
                "Wi-Fi password be changed monthly"],
      needed=["I need network ports patched for the two new desks before the team moves in next week"],
      questions=["what is the guest Wi-Fi password", "can I use my personal laptop on the office Wi-Fi",
                 "why does {p} ask me to accept a certificate", "how do I forget an old network"],
      workarounds=["I'm on my phone's hotspot", "the wired network still works", "the guest Wi-Fi works",
                   "we can tether to mobiles"],
      stakes=["revenue", "customers"],
      hosts=["core-sw-01", "fw-edge-01", "wlc-01", "isp-uplink"],
      alerts={"down": [("uplink", "primary internet uplink down; failover link down"),
                       ("ping", "core switch unreachable")],
              "critical": [("uplink", "primary internet uplink down; running on 4G backup"), ("HA",
                            "firewall cluster member down, no redundancy"), ("packet loss",
                            "packet loss 18% on the site uplink")],
              "warn": [("packet loss", "packet loss 2% on the site uplink"), ("CPU", "wireless controller "
                        "CPU 84%"), ("ports", "switch port Gi1/0/24 error counter rising")]}),
    K("fileserver", "file servers and shares", True,
      products=["the file server", "the S: drive", "the shared drive", "the finance share", "the NAS",
                "the projects folder", "the HR share", "the network drive"],
      teams=["finance", "HR", "the design team", "legal", "marketing", "engineering", "accounts payable",
             "procurement"],
      acts=["open any files", "save anything", "reach the shares", "open our spreadsheets", "save drawings"],
      errors=["Access is denied", "The network path was not found", "Disk full",
              "The specified network name is no longer available", "Error 0x80070035",
              "The file is in use by another user", "You need permission to perform this action",
              "Windows cannot access the folder"],
      outage=["{p} is down", "{p} can't be reached, it says {err}", "nobody can reach {p}", "{p} shows "
              "{err} for everyone", "{p} has gone offline"],
      faults=["I can't open my folder on {p}, it says {err}", "{p} gives me {err}", "I lost access to my "
              "project folder on {p}", "I get {err} when I save to {p}", "a whole folder on {p} is empty "
              "for me since this morning"],
      annoy=["{p} is slow to open big folders", "my mapped drive to {p} disappears after restarts",
             "files on {p} open read-only now and then", "searching {p} takes forever",
             "{p} asks for my password after every restart"],
      degraded=["{p} is extremely slow", "{p} times out every few minutes", "opening files on {p} takes a "
                "minute each", "{p} freezes when several people save at once"],
      cosmetic=["a folder on {p} has a misspelled name", "the drive letter for {p} changed from S: to T:",
                "the folder icons on {p} look wrong"],
      requests=["could we get a shared folder for the new project", "please give Sam read access to the "
                "marketing folder", "can we get more space on {p} for the design team", "could old files "
                "from 2015 be archived", "can we get a folder for the works council with restricted access"],
      needed=["I need write access to the finance folder on {p} to do the reconciliations this week",
              "I need access to the contracts folder on {p} now that I cover for Nina"],
      questions=["how do I map {p} on my Mac", "where are the backups of the S: drive kept", "can I restore "
                 "a file I deleted yesterday myself", "how much space does our team have on {p}"],
      workarounds=["we have copies in OneDrive", "I can work from the local copy", "the read-only replica "
                   "still works", "we can wait for tomorrow"],
      stakes=["payroll", "legal", "customers"],
      hosts=["fs-01", "dc-02", "nas-01", "backup-nas-02"],
      alerts={"down": [("ping", "file server unreachable"), ("LDAP", "domain controllers not answering LDAP")],
              "critical": [("disk", "data volume 96% full, growing 2% an hour"), ("backup",
                            "nightly backup failed 3 nights in a row"), ("RAID", "RAID array degraded: "
                                                                                 "disk 3 failed")],
              "warn": [("disk", "data volume 82% full"), ("backup", "backup job finished with warnings"),
                       ("memory", "memory 86% used")]}),
    K("databases", "databases", True,
      products=["the production database", "SQL Server", "PostgreSQL", "the reporting database",
                "the Oracle database", "MySQL", "the data warehouse", "the database cluster"],
      teams=["engineering", "the data team", "finance", "IT operations", "the support desk"],
      acts=["run reports", "run any queries", "load the dashboards", "save records", "connect the apps"],
      errors=["FATAL: too many connections", "Login failed for user 'app_ro'", "could not connect to server",
              "ORA-00257: archiver error", "Deadlock found when trying to get lock",
              "The transaction log for database is full", "SSL SYSCALL error: EOF detected",
              "Lock wait timeout exceeded"],
      outage=["{p} is down", "{p} refuses all connections with {err}", "nobody can connect to {p}",
              "{p} returns {err} to every app", "{p} has stopped responding"],
      faults=["I can't connect to {p}, it says {err}", "my queries on {p} fail with {err}", "my login to "
              "{p} stopped working", "I get {err} from {p} when I save"],
      annoy=["some reports on {p} take a few minutes", "my saved queries on {p} vanished after the update",
             "{p} disconnects my session after 10 minutes idle", "the {p} client crashes now and then"],
      degraded=["{p} is extremely slow", "queries on {p} take ten times longer than usual", "{p} times out "
                "every few minutes", "{p} locks up for a minute at a time"],
      cosmetic=["a column in {p} has a typo in its name", "the dashboard on top of {p} shows a broken chart",
                "the {p} login banner is out of date"],
      requests=["can we have a test copy of {p} for the new report", "please create a read-only user for "
                "the BI tool", "could we get a nightly export of the sales tables", "can we add an index "
                "for the customer search", "please give Lars read access to the reporting schema"],
      needed=["I need read access to {p} to build the month-end report due next week"],
      questions=["how do I connect to {p} from Excel", "where do I find the data dictionary for {p}",
                 "can I schedule a query on {p}", "who owns the tables in {p}"],
      workarounds=["the read-only replica still works", "we can run reports from yesterday's copy",
                   "the app caches enough for a few hours", "we can wait for tomorrow"],
      stakes=["revenue", "customers", "payroll"],
      hosts=["db-prod-03", "sql-prd-01", "pg-main-01", "ora-prd-02"],
      alerts={"down": [("database", "PostgreSQL primary down; connections refused"), ("database",
                        "SQL Server instance not responding")],
              "critical": [("disk", "data volume 96% full, growing 2% an hour"), ("replication",
                            "replication lag 1843 s (threshold 300 s)"), ("connections",
                                                                          "connections 97% of max")],
              "warn": [("disk", "data volume 82% full"), ("CPU", "CPU 88% for 10 minutes"),
                       ("replication", "replication lag 95 s (threshold 60 s)")]}),
    K("webshop", "web shop and payments", True, customer_facing=True,
      teams=["customer service", "marketing", "the e-commerce team", "the web team"],
      products=["the web shop", "the online store", "checkout", "the payment page", "the customer portal",
                "our Shopify store", "the booking site", "the shop app"],
      acts=["place orders", "pay", "check out", "log in to their accounts", "book anything", "get order "
            "confirmations"],
      errors=["Error 500", "502 Bad Gateway", "Payment declined: gateway timeout", "This site can't be reached",
              "Something went wrong, please try again", "503 Service Unavailable", "Invalid CSRF token",
              "Your session has expired"],
      outage=["{p} is down", "{p} shows {err} to every customer", "customers can't {act}, {p} just "
              "spins", "{p} returns {err}", "{p} is not loading at all"],
      faults=["I can't log in to the admin of {p}, it says {err}", "price changes in {p} won't save, I get {err}",
              "refunds in {p} fail with {err}", "I can't see new orders in the {p} back office",
              "the {p} admin shows {err} when I publish products"],
      annoy=["product images on {p} load slowly", "the search on {p} doesn't find items by SKU",
             "the filter on {p} resets when you go back", "{p} logs customers out after 10 minutes"],
      degraded=["{p} takes 20 seconds to load each page", "about one in five payments on {p} fails",
                "{p} is very slow at checkout", "{p} times out for some customers"],
      cosmetic=["a product description on {p} has a typo", "the footer on {p} still says 2023", "the "
                "banner on {p} is cut off on phones", "a button on {p} is the wrong colour"],
      requests=["could we add PayPal to {p}", "can we get a discount code field on the basket page",
                "please add the new product range to {p}", "can the order emails include the delivery "
                "date", "could we get a wish list feature"],
      needed=["I need admin access to {p} to update prices for the sale starting next week"],
      questions=["how do I issue a refund in {p}", "can I change an order after it's paid",
                 "how do I see abandoned baskets", "where do I update the shipping rates"],
      workarounds=["customers can order by phone", "the app still works", "card payments fail but "
                   "PayPal works", "we can take orders by email"],
      stakes=["revenue", "customers"],
      hosts=["shop-web-04", "shop-api-01", "pay-gw-01", "checkout-svc"],
      alerts={"down": [("HTTPS", "shop front returns HTTP 503 from all regions"), ("checkout",
                        "checkout success rate 0% for 10 minutes")],
              "critical": [("checkout", "checkout error rate 22% (threshold 5%)"), ("certificate",
                            "shop TLS certificate expires in 2 days"), ("latency", "p95 page time 9.2 s")],
              "warn": [("latency", "p95 page time 2.1 s"), ("checkout", "checkout error rate 3%"),
                       ("disk", "media volume 80% full")]}),
    K("pos", "POS terminals", True, customer_facing=True, device_scope=True,
      teams=["store staff", "the tills team", "the shift"],
      products=["the tills", "the card terminals", "the POS terminals", "the cash registers", "the self-checkouts",
                "the card readers", "all the tills", "the payment terminals"],
      acts=["take payments", "take card payments", "sell anything", "open the tills", "print receipts"],
      errors=["Host not available", "Terminal offline", "Error 101: no connection", "Card read error",
              "Transaction declined: comms error", "Database locked", "Update in progress",
              "Licence expired"],
      outage=["{p} are all down", "{p} show {err} and we can't {act}", "none of {p} work", "{p} are stuck on "
              "{err}", "{p} are offline"],
      faults=["one of {p} shows {err}", "till 3 won't start, it shows {err}", "the card reader at till 2 "
              "doesn't read chips", "one terminal keeps rebooting"],
      annoy=["the receipt printer on till 2 prints faintly", "{p} are slow to print receipts",
             "the customer display on till 1 flickers", "{p} ask for the manager PIN too often"],
      degraded=["{p} take a minute per payment", "about half the card payments fail first time",
                "{p} keep dropping offline for a minute", "contactless on {p} times out a lot"],
      cosmetic=["the receipts still show the old opening hours", "the logo on the receipts is blurry",
                "the till screen shows prices in a tiny font"],
      requests=["could we get another card terminal for the outdoor stall", "can the receipts show our "
                "Instagram handle", "please add the new gift card product to {p}", "could {p} print a "
                "returns QR code"],
      needed=["I need a till login for the new shift manager who starts Thursday"],
      questions=["how do I void a transaction on {p}", "how do I print an end-of-day report",
                 "can {p} split a payment", "how do I reprint a receipt"],
      workarounds=["we're taking cash only", "one till still works", "we can use the mobile card reader",
                   "customers can pay by phone link"],
      stakes=["revenue", "customers"],
      hosts=["pos-hub-01", "pos-sync-02"],
      alerts={"down": [("POS hub", "POS hub unreachable; 0 of 46 stores reporting")],
              "critical": [("sync", "price sync failed for 12 stores"), ("payments",
                            "card authorisation failures 30%")],
              "warn": [("sync", "sales upload delayed 30 minutes at 2 stores"), ("disk",
                        "POS hub volume 81% full")]}),
    K("accounts", "accounts and sign-in", True,
      products=["single sign-on", "Okta", "the login page", "the MFA app", "Active Directory", "the password "
                "reset portal", "Azure AD", "Authenticator"],
      acts=["log in to anything", "sign in", "get past the MFA prompt", "reset my password", "open any "
            "of our apps"],
      errors=["Your account has been locked", "Invalid username or password", "MFA request denied",
              "AADSTS50076", "Your password has expired", "Account disabled", "Too many attempts",
              "The sign-in method is not allowed"],
      outage=["{p} is down", "{p} fails for everyone with {err}", "nobody can {act}, {p} errors out",
              "{p} doesn't send any MFA prompts", "{p} login page is blank"],
      faults=["my account is locked: {err}", "{p} says {err} and I can't {act}", "I got a new phone and "
              "{p} no longer works", "I forgot my password and the reset portal rejects me"],
      annoy=["{p} asks me for MFA several times a day", "I have to re-enter my password on every app",
             "{p} prompts come through late", "my password expires every 30 days which is annoying"],
      degraded=["{p} takes a minute to let anyone in", "MFA prompts arrive after a few minutes",
                "{p} fails every other attempt", "{p} is timing out for many people"],
      cosmetic=["my display name is misspelled in {p}", "the {p} login page has the old logo",
                "my profile photo is missing"],
      requests=["could you create an account for our new intern starting in June", "please rename my "
                "account after my marriage", "can we add a second MFA method", "could a contractor get a "
                "guest account for the project next month"],
      needed=["I need an account for the new colleague who starts next week"],
      questions=["how do I change my password", "how do I set up {p} on a new phone",
                 "can I use a hardware key instead of the app", "how often do passwords expire"],
      workarounds=["the SMS code still works", "I'm already logged in on my laptop", "a colleague "
                   "can do it for now", "the backup codes work"],
      stakes=["customers", "exec"],
      hosts=["sso-idp-01", "dc-01", "radius-01"],
      alerts={"down": [("SSO", "identity provider returns HTTP 500 for all sign-ins")],
              "critical": [("sync", "directory sync failed for 6 hours"), ("certificate",
                            "SSO signing certificate expires in 2 days")],
              "warn": [("sync", "directory sync delayed 40 minutes"), ("certificate",
                        "SSO signing certificate expires in 25 days")]}),
    K("collab", "collaboration tools", False,
      products=["Teams", "Slack", "Zoom", "SharePoint", "OneDrive", "Google Drive", "Confluence", "Jira"],
      acts=["join meetings", "share files", "open our team site", "post messages", "sync files",
            "open the project boards"],
      errors=["We couldn't connect you", "Sync paused", "Something went wrong", "Error 403",
              "This file is locked for editing", "Unable to load", "You need permission", "Error code: 5003"],
      outage=["{p} is down", "{p} won't load for anyone, it shows {err}", "{p} is not working for the whole "
              "office", "{p} gives everyone {err}"],
      faults=["{p} says {err} and I can't {act}", "I've lost access to our team's {p} space", "{p} crashes "
              "as soon as I open it", "I can't {act} in {p}: {err}"],
      annoy=["{p} notifications don't show on my laptop", "{p} keeps signing me out", "{p} shows me as away "
             "when I'm not", "files in {p} take a while to sync", "{p} uses a lot of memory"],
      degraded=["{p} is very laggy", "{p} calls keep freezing", "{p} sync is stuck for hours", "{p} pages "
                "take ages to load"],
      cosmetic=["my {p} profile picture is someone else's", "the {p} theme switched to dark mode by "
                "itself", "the team name in {p} has a typo"],
      requests=["could we get a Teams channel for the new project", "please create a SharePoint site for "
                "the works council", "can we get {p} for the two external designers", "could we get a "
                "Zoom webinar licence for the launch event", "please add Lina to our {p} team"],
      needed=["I need access to the project space in {p} for the audit that starts next week"],
      questions=["how do I share a file with someone outside the company", "how do I record a meeting in "
                 "{p}", "can I restore an older version of a file", "how do I change my status message"],
      workarounds=["the browser version works", "we can email the files for now", "the phone app works",
                   "we moved the call to the phone"],
      stakes=["customers", "exec"],
      hosts=[],
      alerts={}),
    K("cloud", "cloud consoles and CI", True,
      teams=["engineering", "the platform team", "IT operations", "the data team", "the web team"],
      products=["the AWS console", "the Azure portal", "the production Kubernetes cluster", "GitLab CI",
                "Jenkins", "Terraform Cloud", "the GCP project", "the deploy pipeline"],
      acts=["deploy", "reach the production services", "merge anything", "run builds", "start instances"],
      errors=["AccessDenied", "ImagePullBackOff", "CrashLoopBackOff", "quota exceeded", "pipeline stuck in "
              "pending", "403 Forbidden", "Node NotReady", "InsufficientInstanceCapacity"],
      outage=["{p} is down", "all pods in production are in {err}", "{p} is failing with {err} for "
              "everyone", "{p} can't reach anything"],
      faults=["I can't log in to {p}, it says {err}", "my builds fail with {err}", "{p} says {err} "
              "when I try to {act}", "my access to {p} disappeared"],
      annoy=["{p} logs me out every hour", "{p} build logs are truncated", "{p} sends too many emails",
             "the {p} runners are slow on Mondays"],
      degraded=["builds on {p} take three times as long", "{p} is very slow today", "deploys on {p} fail "
                "one time in three", "{p} is flaky"],
      cosmetic=["the {p} dashboard has a broken chart", "the naming of our {p} projects is inconsistent",
                "the {p} README badge shows 'unknown'"],
      requests=["could we get a new project in {p} for the data team", "please raise our vCPU quota in "
                "the test account", "can I get read access to the billing dashboard", "could we set up "
                "a staging namespace for the new service", "please add a runner with a GPU"],
      needed=["I need deploy rights in {p} for the release next week"],
      questions=["how do I rotate my access keys", "where do I find the cost report in {p}",
                 "how do I rerun a failed pipeline", "can I create my own namespaces"],
      workarounds=["we can deploy from a laptop for now", "the old pipeline still works", "we can wait "
                   "until tomorrow", "we can use the CLI instead"],
      stakes=["revenue", "customers"],
      hosts=["k8s-prod-node-7", "ci-runner-03", "api-prod-02", "lb-prod-01"],
      alerts={"down": [("HTTPS", "public API returns HTTP 503 for 12 minutes"), ("pods",
                        "0 of 6 API pods ready")],
              "critical": [("nodes", "2 of 5 production nodes NotReady"), ("certificate",
                            "API certificate expires in 2 days"), ("error rate", "API error rate 14%")],
              "warn": [("CPU", "cluster CPU 80%"), ("error rate", "API error rate 1.5%"),
                       ("disk", "CI runner disk 85% full")]}),
    K("meeting", "meeting rooms and AV", False, max_scope="team",
      products=["the screen in {room}", "the projector in {room}", "the room camera", "ClickShare",
                "the conference phone", "the room booking panel", "the TV in {room}", "the sound bar in {room}"],
      acts=["present", "run the video call", "share my screen", "hear the remote people"],
      errors=["No signal", "HDMI not detected", "Device not found", "Lamp error", "Out of range",
              "No audio device", "Firmware update required", "Pairing failed"],
      outage=["{p} doesn't work at all", "{p} shows {err}", "{p} is dead", "{p} won't turn on"],
      faults=["{p} shows {err} and I can't {act}", "{p} won't connect to my laptop", "{p} has no sound",
              "the remote people can't hear us through {p}"],
      annoy=["{p} takes five minutes to start", "{p} is a bit blurry", "the cable for {p} is very short",
             "{p} turns off after 20 minutes"],
      degraded=["{p} cuts out every few minutes", "{p} has a lot of echo", "the picture on {p} flickers",
                "{p} loses the connection now and then"],
      cosmetic=["the label on {p} remote is missing", "{p} shows the wrong room name", "there's a dead "
                "pixel on {p}"],
      requests=["could we get a webcam in the small meeting room", "can we get a whiteboard camera",
                "please book a technician for the town hall next month", "could we get a second screen in "
                "{room}"],
      needed=["I need the AV set up in {room} for a customer workshop next week"],
      questions=["how do I share my screen on {p}", "how do I connect my Mac to {p}", "can I book {room} for "
                 "a whole day", "where is the remote for {p}"],
      workarounds=["we moved to another room", "we can use a laptop instead", "we'll use the portable "
                   "speaker", "we can do it over Teams from our desks"],
      stakes=["exec", "customers"],
      hosts=[],
      alerts={}),
    K("badges", "badge readers and building access", False,
      products=["the badge readers", "the turnstiles", "the door readers on {floor}", "the entrance readers",
                "the visitor kiosks", "the car park barriers", "the door readers", "the side door readers"],
      acts=["get into the building", "open the doors", "get into the car park", "register visitors"],
      errors=["Access denied", "Red light, two beeps", "Card not recognised", "Controller offline",
              "Badge expired", "Reader fault", "Out of service", "Print error"],
      outage=["{p} are not working", "{p} reject every badge", "{p} show {err} for everyone",
              "{p} are offline"],
      faults=["my badge doesn't open any doors", "{p} show {err} when I badge in", "my badge stopped "
              "working after the holiday", "I lost my badge and can't get in"],
      annoy=["{p} need two or three tries with my badge", "the reader at the back door is slow", "my badge photo is "
             "from ten years ago", "{p} beep very loudly"],
      degraded=["{p} work only every other try", "{p} take ages to react", "{p} keep going offline",
                "{p} are very slow this morning"],
      cosmetic=["my badge has my name misspelled", "the badge holder is cracked", "the sign by the "
                "turnstiles is wrong"],
      requests=["could the cleaning company get badges", "can my badge also open the server room",
                "please order visitor badges for the open day next month", "could we get a reader on the "
                "new storeroom"],
      needed=["I need a badge for the new colleague who starts next Monday"],
      questions=["how do I get a replacement badge", "can visitors get a temporary badge",
                 "who approves access to the archive room", "does my badge work at the other office"],
      workarounds=["reception is letting people in", "the side door works", "security is opening the "
                   "door by hand", "we prop the door for now"],
      stakes=["customers"],
      hosts=["door-ctrl-01"],
      alerts={"down": [("controller", "door controller offline; doors in fail-secure mode")],
              "critical": [("controller", "door controller on battery power")],
              "warn": [("controller", "door controller clock 3 minutes off")]}),
    K("software", "software and licences", False,
      products=["Excel", "Adobe Acrobat", "AutoCAD", "the licence server", "Office", "Visio", "Power BI",
                "Chrome"],
      acts=["open files", "save anything", "edit PDFs", "open drawings", "refresh the reports"],
      errors=["Licence not available", "Application has stopped working", "Product activation failed",
              "Not enough memory", "Cannot open file: format not supported", "Update failed (0x80070005)",
              "The file is corrupt and cannot be opened", "Sign-in required"],
      outage=["{p} is down", "{p} says {err} for everyone", "nobody can start {p}, it says {err}"],
      faults=["{p} says {err} and I can't {act}", "{p} crashes when I open any file", "{p} won't start: "
              "{err}", "my {p} licence has run out"],
      annoy=["{p} is slow to open big files", "{p} keeps asking me to sign in", "{p} autosave doesn't "
             "work on the shared drive", "{p} opens in the wrong language"],
      degraded=["{p} freezes every few minutes", "{p} is very slow since the update", "{p} crashes now "
                "and then", "{p} takes ages to save"],
      cosmetic=["the {p} icons are blurry on my screen", "the toolbar in {p} moved", "{p} shows the "
                "ribbon in dark mode"],
      requests=["can I get Adobe Acrobat Pro installed", "could I have Visio for the process maps",
                "please install Python on my laptop", "can we get a Power BI Pro licence for our team",
                "could I try the new version of {p}", "can I get a licence for a screen recorder"],
      needed=["I need {p} installed to do the quarterly figures due next week"],
      questions=["how do I recover an unsaved {p} file", "can I install {p} on my home PC",
                 "how do I change the default program for PDFs", "is there a newer version of {p}"],
      workarounds=["the web version works", "a colleague has a licence I can borrow", "the old version "
                   "still works", "I can do it on the shared PC"],
      stakes=["legal", "customers"],
      hosts=["lic-srv-01"],
      alerts={"down": [("licence", "licence server not responding; 0 seats available")],
              "critical": [("licence", "licence pool 100% used, 14 users queued")],
              "warn": [("licence", "licence pool 85% used")]}),
    K("security", "security", True,
      products=["antivirus", "the firewall", "Defender", "the spam filter", "CrowdStrike", "the EDR agent",
                "the mail filter", "the web proxy"],
      teams=["finance", "sales", "marketing", "accounts payable", "customer service", "legal"],
      acts=["open websites", "get mail from outside", "use the PC", "open attachments"],
      errors=["Threat quarantined", "Blocked by policy", "Access to this site is blocked", "Agent offline",
              "Scan failed", "Message held by the spam filter", "Suspicious activity detected",
              "Definitions out of date"],
      outage=["the web proxy blocks every website, it says {err}", "the spam filter is holding all incoming mail",
              "the firewall is blocking everything after last night's change", "the mail filter rejects all "
              "outside mail with {err}"],
      faults=["the web proxy blocks a supplier's website I need: {err}", "Defender quarantined a file I need "
              "for work", "the spam filter is holding mails from a customer", "the firewall blocks our own "
              "invoice portal for me"],
      annoy=["the antivirus pops up a scan every morning", "CrowdStrike makes my laptop slow at startup",
             "the web proxy shows a warning on a site I use every day", "the spam filter puts newsletters "
             "into quarantine", "Defender nags me about a scan that already ran"],
      degraded=["the antivirus slows every PC down during scans", "the mail filter delays mail by half an hour",
                "the web proxy keeps blocking sites at random", "the EDR agent makes logins slow"],
      cosmetic=["the antivirus tray icon is missing", "the Defender pop-up is in the wrong language",
                "the EDR agent shows a scary red banner that says all is fine"],
      requests=["could you whitelist a supplier's domain", "can we get security awareness training for "
                "the new starters", "could we have a USB stick allowed for the trade fair", "please unblock "
                "a streaming site for the marketing team", "can the newsletters from a conference I went to "
                "be blocked"],
      needed=["I need a supplier's domain allowed in the mail filter; their invoices are held and due next week"],
      questions=["how do I report a phishing email", "is it safe to open a PDF from a new supplier",
                 "how do I know if a link is real", "can I use a password manager"],
      workarounds=["I can get the file another way", "the customer can send it to my colleague", "it "
                   "works from my phone", "we can wait"],
      stakes=["customers", "legal"],
      hosts=["fw-edge-01", "edr-console", "mailfilter-01"],
      alerts={"down": [("EDR", "ransomware behaviour detected on fs-01; 2,300 files renamed")],
              "critical": [("EDR", "credential dumping tool detected on a workstation"), ("auth",
                            "412 failed admin logins from one external IP in 10 minutes")],
              "warn": [("EDR", "3 endpoints with outdated definitions"), ("auth", "12 failed logins for "
                        "one user")]}),
    K("warehouse", "warehouse scanners and label printers", True, held_out=True, device_scope=True,
      teams=["the warehouse", "goods-in", "dispatch", "the night shift", "packing"],
      products=["the handheld scanners", "the label printers", "the shipping stations", "the RF guns",
                "the Zebra printers", "the pick scanners", "the dispatch PCs", "the packing scales"],
      acts=["ship orders", "print shipping labels", "scan pallets", "book goods in", "pick orders"],
      errors=["Carrier API timeout", "Printer head open", "Scanner not registered", "Label format error",
              "WMS connection lost", "No route to host", "Ribbon out", "Invalid weight"],
      outage=["{p} are all down", "{p} show {err} and we can't {act}", "none of {p} work", "{p} stopped "
              "talking to the system"],
      faults=["one of {p} shows {err}", "my scanner won't log in: {err}", "the label printer at bench 4 "
              "prints garbage", "the one at station 2 is stuck on {err}"],
      annoy=["{p} batteries die before the end of the shift", "the labels from {p} are slightly "
             "crooked", "{p} beep twice for every scan", "{p} take a while to wake up"],
      degraded=["{p} drop off Wi-Fi every few minutes", "labels take a minute each to print",
                "the carrier integration fails one order in four", "{p} lag behind by several seconds"],
      cosmetic=["the labels still show the old return address format", "the scanner screens show the "
                "wrong time", "the logo on the labels is faint"],
      requests=["could we get two more handheld scanners for peak season", "can the labels show the order "
                "number bigger", "please add the new carrier to the shipping station", "could we get a "
                "label printer at goods-in"],
      needed=["I need scanner logins for four temps starting next Monday"],
      questions=["how do I reprint a shipping label", "how do I pair a scanner with a printer",
                 "can I change the label size", "who do I call about the carrier account"],
      workarounds=["we can write labels by hand for now", "the carrier's own website works",
                   "one printer still works", "we can ship tomorrow morning"],
      stakes=["revenue", "customers"],
      hosts=["wms-app-01", "label-srv-01"],
      alerts={"down": [("WMS", "warehouse system unreachable from all scanners")],
              "critical": [("carrier", "carrier label API failing 40% of requests")],
              "warn": [("carrier", "carrier label API slow (p95 4 s)")]}),
    K("esign", "e-signature and document portal", False, held_out=True,
      products=["DocuSign", "the e-signature portal", "the contract portal", "Adobe Sign", "the document "
                "portal", "the signing page", "the client portal", "the template library"],
      acts=["send contracts for signature", "sign documents", "upload documents", "download signed "
            "copies"],
      errors=["Envelope could not be sent", "Signing session expired", "Upload failed", "Document "
              "conversion error", "Account suspended", "Recipient email invalid", "403 Forbidden",
              "Template not found"],
      outage=["{p} is down", "{p} shows {err} for everyone", "nobody can {act}, {p} fails with {err}"],
      faults=["{p} says {err} and I can't {act}", "my account on {p} is suspended", "a client can't open "
              "the signing link", "{p} won't upload my PDF: {err}"],
      annoy=["{p} sends reminders too often", "{p} logs me out quickly", "the {p} emails land in spam "
             "for some clients", "{p} is fiddly on phones"],
      degraded=["{p} takes minutes to send each envelope", "{p} fails every other upload",
                "{p} is very slow today", "{p} times out on big documents"],
      cosmetic=["the {p} emails show the old logo", "the {p} signing page has a typo",
                "the colours on {p} are off"],
      requests=["could we get a template for NDAs in {p}", "can I get a {p} account", "please add the "
                "new legal entity to {p}", "could {p} send us a copy of each signed contract"],
      needed=["I need a {p} account to send the supplier contracts next week"],
      questions=["how do I void an envelope in {p}", "can a client sign on a phone",
                 "where do I find signed copies", "how do I add a second signer"],
      workarounds=["we can sign on paper and scan", "a colleague can send it from her account",
                   "the client can sign next week", "we can email the PDF"],
      stakes=["legal", "customers"],
      hosts=[],
      alerts={}),
]

TRAIN_KINDS = [k for k in KINDS if not k.held_out]
HELD_KINDS = [k for k in KINDS if k.held_out]
BY_KEY = {k.key: k for k in KINDS}
