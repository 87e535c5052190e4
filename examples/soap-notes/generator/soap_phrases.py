"""Phrasing banks that do not belong to one problem: openers, fillers, corrections, asides, leads.

Banks of four or more entries are split by the Chooser (soap_words.py): every fourth entry is used only
in the held-out split. So when adding phrasings, add them in groups of four to keep both sides fed.
"""

FIRST_F = ["Maria", "Linda", "Aisha", "Grace", "Sofia", "Priya", "Helen", "Chloe", "Fatima", "Megan", "Rosa",
           "Ingrid", "Keisha", "Mei", "Olga", "Hannah", "Dolores", "Amara", "Jessica", "Noor"]
FIRST_M = ["James", "Carlos", "David", "Ahmed", "Tom", "Wei", "Michael", "Luis", "Samuel", "Raj", "Kevin",
           "Ethan", "Omar", "Dmitri", "Frank", "Jamal", "Peter", "Hiroshi", "Brandon", "Tariq"]
LAST = ["Alvarez", "Okafor", "Nguyen", "Patel", "Schmidt", "Kowalski", "Johnson", "Haddad", "Murphy",
        "Garcia", "Chen", "Rossi", "Brown", "Petrov", "Mensah", "O'Brien", "Silva", "Kim", "Novak", "Levy",
        "Baker", "Tanaka", "Morales", "Hughes"]
DOCTORS = ["Reyes", "Chen", "Okonkwo", "Larsen", "Shah", "Whitfield", "Moreau", "Abbott", "Kaur", "Feld",
           "Bianchi", "Osei"]
STAFF = ["Jenny", "Mike", "Maria", "Sam", "Tasha", "Ben", "Carla", "Devon", "Lucy", "Omar", "Pat", "Nina"]

FILLERS = ["uh", "um", "uh", "let's see", "okay so", "so", "um", "alright", "uh", "what else", "okay",
           "um, let me think", "so, uh", "and, uh", "hmm", "right", "er", "okay, um", "you know", "uh, where was I"]

CORRECTIONS = ["no wait,", "sorry, scratch that,", "actually,", "correction,", "no, sorry,", "I mean",
               "strike that,", "sorry,", "no no,", "wait, no,", "let me correct that,", "make that",
               "sorry, I misspoke,", "no, hold on,", "uh, no,", "rather,"]

# asides that carry no clinical fact
ASIDES = [
    "can you grab the otoscope", "hang on a sec", "sorry, one second", "can somebody get the door",
    "{staff}, can you bring a gown to room {room}", "hold on, my pager", "okay, where was I",
    "thanks, {staff}", "can you grab me a pulse ox", "is the next patient roomed yet",
    "{staff}, can you hand me the gloves", "sorry, that was the phone", "give me one second here",
    "can you turn the light on", "{staff}, is room {room} ready", "pause that, okay, back",
    "excuse me", "can someone find a bigger cuff", "{staff}, tell them I'll be five minutes",
    "hold on, let me pull up the chart", "sorry, dropped my pen", "okay, recorder's back on",
    "{staff}, can you grab the tuning fork", "one sec, the family's asking something",
]

# staff asides that carry a plan item: the item's verb phrase follows
ASIDE_PLAN_LEADS = ["{staff}, can you", "{staff}, please", "{staff}, could you", "hey {staff}, can you",
                    "{staff}, when you get a chance can you", "{staff}, go ahead and",
                    "{staff}, would you", "can someone"]

OPEN_DICT = [
    "This is Dr. {doc} dictating on {name}.", "Okay, next patient.", "Dictation for {name}.",
    "Alright, this is {doc}, dictating a note for {name}.", "SOAP note, please.", "Okay, starting the note.",
    "Note for room {room}.", "Dr. {doc} here, clinic note for {name}.", "Okay, um, this is {name}.",
    "Dictating on {name}, seen today.", "This is the note for {name}.", "Next one, {name}.",
    "Okay so, dictating for room {room}.", "Start of dictation, {name}.", "Alright, quick note on {name}.",
    "Okay, {name}, dictating now.",
]
OPEN_ED = ["ED note, bed {room}.", "Emergency department note for {name}.", "Okay, this is bed {room}.",
           "Dictating on bed {room}, {name}."]
OPEN_TELE = ["Telehealth visit, video, with {name}.", "This is a video visit with {name}.",
             "Telemedicine note for {name}, done by video.", "Virtual visit today with {name}, by video.",
             "Video visit, {name}, patient at home.", "Telehealth note, video call with {name}.",
             "Doing this one by video, {name}.", "Telehealth, {name}, on video from home."]
OPEN_PHONE = ["Phone visit with {name}.", "Telephone visit, {name}.", "Telehealth by phone with {name}.",
              "Phone follow-up with {name}, no video.", "This is a telephone visit with {name}.",
              "Audio-only telehealth visit, {name}.", "Phone call visit for {name}.",
              "Telephone encounter, {name}."]

CLOSE_DICT = ["That's it.", "End of dictation.", "Thanks.", "Okay, done.", "That's all.", "End of note.",
              "Okay, that's the note.", "Thank you.", "Stop recording.", "Done, thanks.", "That's everything.",
              "End."]

# sex/age words as spoken
ADULT_M = ["male", "man", "gentleman", "guy", "M", "year old male", "yo male", "male patient"]
ADULT_F = ["female", "woman", "lady", "F", "female patient", "yo female", "woman", "year old female"]
CHILD_M = ["boy", "male", "little boy", "boy"]
CHILD_F = ["girl", "female", "little girl", "girl"]

# leads before exam findings, assessment, plan
EXAM_LEADS = ["on exam", "exam shows", "on exam,", "examination:", "looking at {him},", "exam:", "I see",
              "when I examined {him},", "exam is notable for", "physical exam,", "on my exam", "findings:",
              "examining {him},", "exam reveals", "looks like, on exam,", "on examination"]
VITAL_LEADS = ["vitals:", "vitals are", "vital signs", "vitals today", "vitals from triage,",
               "nurse has vitals as", "vitals,", "okay vitals", "her vitals" , "vitals show",
               "intake vitals", "vitals look like"]
DX_LEADS = ["I think this is", "assessment is", "impression,", "assessment:", "looks like", "most likely",
            "so this is", "my impression is", "I'd call it", "it's", "this is consistent with",
            "assessment,", "impression is", "probably", "I think we're dealing with", "diagnosis"]
PLAN_LEADS = ["plan is to", "we'll", "I'm going to", "let's", "I want to", "gonna", "plan:", "we're going to",
              "I'll", "the plan is to", "going to", "I'd like to", "we will", "so we'll", "plan, we'll",
              "for plan, we'll"]
PLAN_MORE = ["also", "and", "also going to", "and we'll", "plus", "I'll also", "and I want to", "also we'll",
             "and let's", "and then", "on top of that,", "in addition,"]

HPI_LEADS_POS = ["{he} also has", "also", "associated with", "plus", "{he} reports", "{he} complains of",
                 "{he} mentions", "also having", "{he}'s also got", "along with", "and", "{he} notes",
                 "{he} describes", "there's also", "{he} also reports", "{he}'s had"]
NEG_LEADS = ["denies", "negative for", "{he} denies", "no", "not having any", "{he} hasn't had any",
             "denies any", "no reported", "{he} says no", "{he} reports no",
             "there's no", "no complaints of"]

TWO_PROBLEM_LEADS = ["Oh, and also,", "Second thing,", "{He} also mentioned", "While {he}'s here,",
                     "Separate issue,", "Also,", "Number two,", "Other thing,", "{He} also wanted to talk about",
                     "Second problem,", "And then, unrelated,", "One more thing,"]

# fragments a dictation can stop on, by the kind of part that was coming next
CUT_FRAGMENTS = {
    "plan": ["and I also want to get a", "and we'll start {him} on", "I'm going to refer {him} to",
             "and then follow up in", "plus, uh, I'd like", "and we should probably", "and I'll send",
             "and {he}, uh, needs", "then we'll check a"],
    "exam": ["on exam {he} has a", "exam shows, uh,", "and {his} lungs are", "looking at the",
             "heart is", "and the", "there's some"],
    "vital": ["vitals are, uh, blood pressure", "pressure is", "and the temp was", "pulse is, um"],
    "dx": ["so I think this is", "my impression is", "most likely this is a", "assessment, uh,"],
    "hx": ["and {he} says that the", "{he} also mentioned", "and it started when", "{he}'s been"],
}

# chatter: no clinical fact, never in the note
CHATTER = ["{he}'s been a patient of mine for years", "pleasant as always", "we chatted about {his} weekend",
           "running a bit behind today", "let me pull up the last note", "okay, what did I miss",
           "nice to see {him} again", "{he} came in with a friend today", "long wait in the lobby today",
           "we talked about the weather for a bit", "I'll finish this later if I have to",
           "{he} says hi to the front desk", "okay, let me think about this", "anyway",
           "so that's the story", "let me back up a little"]
