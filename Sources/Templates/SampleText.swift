/// The texts of `MessageContext.sample(locale:)` in one language.
struct SampleText {
    var name: String
    var eventTitle: String
    var eventDescription: String
    var newsletterTitle: String
    var newsletterIntro: String
    var paragraphs: [String]
    var ctaLabel: String
    var recurrence: String
    var reason: String

    static func forLanguage(_ language: String) -> SampleText {
        switch language {
        case "fr":
            SampleText(
                name: "Sophie Lambert", eventTitle: "Petit-déjeuner networking",
                eventDescription: "Une heure et demie d’échanges entre entrepreneuses, autour d’un café.",
                newsletterTitle: "Journée des droits des femmes",
                newsletterIntro: "Le 8 mars approche : voici ce que le réseau prépare.",
                paragraphs: ["Une table ronde sur le financement aura lieu à Bruxelles.", "Les inscriptions sont ouvertes à toutes les membres."],
                ctaLabel: "Je m’inscris",
                recurrence: "chaque premier mardi du mois", reason: "L’intervenante est malheureusement souffrante."
            )
        case "es":
            SampleText(
                name: "Lucía García", eventTitle: "Desayuno de networking",
                eventDescription: "Hora y media de intercambio entre emprendedoras, con un café.",
                newsletterTitle: "Día Internacional de la Mujer",
                newsletterIntro: "Se acerca el 8 de marzo: esto es lo que prepara la red.",
                paragraphs: ["Se celebrará una mesa redonda sobre financiación en Bruselas.", "La inscripción está abierta a todas las socias."],
                ctaLabel: "Inscribirme",
                recurrence: "el primer martes de cada mes", reason: "Lamentablemente, la ponente está enferma."
            )
        case "de":
            SampleText(
                name: "Anna Schmidt", eventTitle: "Netzwerk-Frühstück",
                eventDescription: "Anderthalb Stunden Austausch unter Unternehmerinnen, bei einem Kaffee.",
                newsletterTitle: "Internationaler Frauentag",
                newsletterIntro: "Der 8. März rückt näher: Das plant das Netzwerk.",
                paragraphs: ["In Brüssel findet eine Podiumsdiskussion zur Finanzierung statt.", "Die Anmeldung steht allen Mitgliedern offen."],
                ctaLabel: "Jetzt anmelden",
                recurrence: "jeden ersten Dienstag im Monat", reason: "Die Referentin ist leider erkrankt."
            )
        default:
            SampleText(
                name: "Emily Carter", eventTitle: "Networking breakfast",
                eventDescription: "Ninety minutes of conversation between women entrepreneurs, over coffee.",
                newsletterTitle: "International Women’s Day",
                newsletterIntro: "8 March is coming: here is what the network is preparing.",
                paragraphs: ["A round table on funding will take place in Brussels.", "Registration is open to all members."],
                ctaLabel: "Register",
                recurrence: "on the first Tuesday of every month", reason: "Unfortunately, the speaker is unwell."
            )
        }
    }
}
